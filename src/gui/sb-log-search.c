/* sb-log-search.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-log-search"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-log-search.h"
#include "sb-pane-util.h"
#include "sb-search.h"
#include "sb-transcript.h"

/* Each step of a search runs this long at most, then lets the window
 * paint and take input; events are searched this many at a time. */
#define STEP_BUDGET_US 8000
#define STEP_EVENTS    4096
/* Events looked at for new sockets in one go. */
#define SCAN_EVENTS    65536

struct _SbLogSearch
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *entry;
  GtkToggleButton *hex_button;
  GtkToggleButton *case_button;
  GtkLabel        *matches_label;
  GtkProgressBar  *progress;
  GtkButton       *stop_button;
  GtkLabel        *error_label;
  GtkDropDown     *side_drop;
  GtkDropDown     *socket_drop;
  GtkDropDown     *call_drop;
  GtkCheckButton  *errors_check;
  GtkLabel        *match_label;

  /* borrowed */
  SbEventLog      *log;

  /* owned */
  SbCapture       *capture;
  SbSearch        *search;
  guint            search_id;
  int              current;        /* the match shown last, or -1 */
  SbSearchFilter   filter;
  GtkCustomFilter *row_filter;
  GtkStringList   *socket_names;   /* "All Sockets", then one per socket */
  GArray          *socket_ids;     /* guint, the socket of each name after the first */
  GHashTable      *seen_sockets;
  guint            scanned;        /* events looked at for new sockets */
  guint            keep_index;     /* selected before the filter changed */
  guint            restore_id;
  guint            scan_id;

  guint            stopped : 1;
  guint            resetting : 1;
};

G_DEFINE_FINAL_TYPE (SbLogSearch, sb_log_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
search_running (SbLogSearch *self)
{
  return self->search_id != 0;
}

static void
update_progress (SbLogSearch *self)
{
  GtkFilterListModel *model = sb_event_log_get_filter_model (self->log);
  guint pending = gtk_filter_list_model_get_pending (model);
  guint n = self->capture != NULL ? sb_capture_get_n_recorded (self->capture) : 0;
  gboolean busy = search_running (self) || pending > 0;
  double fraction = 1.0;

  if (search_running (self) && n > 0)
    fraction = (double) sb_search_get_n_searched (self->search) / n;
  else if (pending > 0 && n > 0)
    fraction = 1.0 - (double) MIN (pending, n) / n;

  gtk_progress_bar_set_fraction (self->progress, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), busy);
}

static void
update_labels (SbLogSearch *self)
{
  g_autofree char *matches = NULL;
  g_autofree char *match = NULL;
  guint n;

  if (self->search == NULL)
    {
      sb_label_set_value (self->matches_label, "", _("Matches"));
      sb_label_set_value (self->match_label, "", _("Match"));
      gtk_widget_set_visible (GTK_WIDGET (self->match_label), FALSE);
      update_progress (self);
      return;
    }

  n = sb_search_get_n_matches (self->search);
  if (self->stopped)
    matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u match in the first %u events",
                                            "%u matches in the first %u events", n),
                               n, sb_search_get_n_searched (self->search));
  else if (search_running (self))
    matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match so far",
                                            "%u matches so far", n), n);
  else
    matches = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  sb_label_set_value (self->matches_label, matches, _("Matches"));

  if (self->current >= 0 && (guint) self->current < n)
    {
      const SbSearchMatch *m = sb_search_get_match (self->search, self->current);
      g_autofree char *span = sb_search_dup_span_text (self->search, m);

      /* TRANSLATORS: "Match 2 of 4", then maybe " · spans 2 recv() calls" */
      match = g_strdup_printf (_("Match %d of %u"), self->current + 1, n);
      if (span != NULL)
        {
          g_autofree char *with_span = g_strdup_printf ("%s · %s", match, span);

          g_free (match);
          match = g_steal_pointer (&with_span);
        }
    }
  sb_label_set_value (self->match_label, match != NULL ? match : "", _("Match"));
  gtk_widget_set_visible (GTK_WIDGET (self->match_label), match != NULL);
  update_progress (self);
}

static gboolean
search_step_cb (gpointer data)
{
  SbLogSearch *self = data;
  gint64 start = g_get_monotonic_time ();
  gboolean done;

  do
    done = sb_search_step (self->search, STEP_EVENTS);
  while (!done && g_get_monotonic_time () - start < STEP_BUDGET_US);

  if (done)
    self->search_id = 0;
  update_labels (self);

  return done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Searches what the capture recorded since, below painting and input. */
static void
continue_search (SbLogSearch *self)
{
  if (self->search == NULL || self->stopped || search_running (self)
      || sb_search_get_n_searched (self->search) >= sb_capture_get_n_recorded (self->capture))
    return;

  self->search_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 20, search_step_cb, self, NULL);
  g_source_set_name_by_id (self->search_id, "[sockbench] log search");
  update_progress (self);
}

static void
stop_search (SbLogSearch *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_pointer (&self->search, sb_search_free);
  self->current = -1;
  self->stopped = FALSE;
}

static void
restart_search (SbLogSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean hex = gtk_toggle_button_get_active (self->hex_button);
  g_autoptr(GBytes) pattern = NULL;
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  stop_search (self);
  sb_field_clear_error (GTK_WIDGET (self->entry), self->error_label);

  if (self->capture != NULL && *text != '\0'
      && gtk_search_bar_get_search_mode (self->search_bar))
    {
      pattern = sb_search_parse_pattern (text, hex, &offset, &error);
      if (pattern == NULL)
        {
          /* While typing, the cursor stays where the user types. */
          int position = gtk_editable_get_position (GTK_EDITABLE (self->entry));

          sb_field_show_error (GTK_WIDGET (self->entry), self->error_label, error, offset);
          gtk_editable_set_position (GTK_EDITABLE (self->entry), position);
        }
      else if (g_bytes_get_size (pattern) > 0)
        {
          /* Hex digits name bytes: those are matched as they are. */
          self->search = sb_search_new (self->capture, pattern, &self->filter,
                                        hex || gtk_toggle_button_get_active (self->case_button));
        }
    }

  update_labels (self);
  continue_search (self);
}

void
sb_log_search_next (SbLogSearch *self,
                    gboolean     backward)
{
  guint selected;
  guint n;
  int i;

  g_return_if_fail (SB_IS_LOG_SEARCH (self));

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      return;
    }

  n = self->search != NULL ? sb_search_get_n_matches (self->search) : 0;
  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  selected = sb_event_log_get_selected_index (self->log);
  if (self->current >= 0 && (guint) self->current < n
      && sb_search_get_match (self->search, self->current)->first == selected)
    i = backward ? (self->current + n - 1) % n : (self->current + 1) % n;
  else
    i = sb_search_find_next (self->search,
                             selected == GTK_INVALID_LIST_POSITION ? G_MAXUINT : selected,
                             backward);

  self->current = i;
  sb_event_log_select_index (self->log, sb_search_get_match (self->search, i)->first);
  update_labels (self);
}

static gboolean
filter_row (gpointer item,
            gpointer data)
{
  SbLogSearch *self = data;
  SbEvent *event = item;
  SbEventInfo info;

  return sb_capture_get_info (sb_event_get_capture (event), sb_event_get_index (event), &info)
         && sb_search_filter_matches (&self->filter, sb_event_get_capture (event), &info);
}

static gboolean
restore_selection_cb (gpointer data)
{
  SbLogSearch *self = data;
  guint index = self->keep_index;

  self->restore_id = 0;
  if (index == GTK_INVALID_LIST_POSITION
      || gtk_filter_list_model_get_pending (sb_event_log_get_filter_model (self->log)) > 0)
    return G_SOURCE_REMOVE;

  self->keep_index = GTK_INVALID_LIST_POSITION;
  if (sb_event_log_get_selected_index (self->log) == GTK_INVALID_LIST_POSITION)
    sb_event_log_select_index (self->log, index);

  return G_SOURCE_REMOVE;
}

/* The row selected before the filter changed is selected again once the
 * filter is through, if it passes: from an idle, not while the filter
 * model is telling its news (the selection would see it half-way). */
static void
restore_selection (SbLogSearch *self)
{
  if (self->keep_index != GTK_INVALID_LIST_POSITION && self->restore_id == 0)
    self->restore_id = g_idle_add (restore_selection_cb, self);
}

static void
filter_changed_cb (SbLogSearch *self)
{
  GtkFilterListModel *model = sb_event_log_get_filter_model (self->log);
  SbSearchFilter filter = { 0 };
  guint side = gtk_drop_down_get_selected (self->side_drop);
  guint socket = gtk_drop_down_get_selected (self->socket_drop);
  guint call = gtk_drop_down_get_selected (self->call_drop);

  if (self->resetting)
    return;

  if (side == 1 || side == 2)
    filter.sides = SB_SEARCH_SIDE (side == 1 ? SB_SIDE_CLIENT : SB_SIDE_SERVER);
  if (socket != GTK_INVALID_LIST_POSITION && socket > 0 && socket <= self->socket_ids->len)
    filter.socket_id = g_array_index (self->socket_ids, guint, socket - 1);
  if (call != GTK_INVALID_LIST_POSITION && call > 0)
    filter.calls = SB_SEARCH_CALL (call - 1);
  filter.errors_only = gtk_check_button_get_active (self->errors_check);

  if (sb_search_filter_equal (&filter, &self->filter))
    return;
  self->filter = filter;

  if (self->keep_index == GTK_INVALID_LIST_POSITION)
    self->keep_index = sb_event_log_get_selected_index (self->log);
  if (sb_search_filter_is_empty (&filter))
    sb_event_log_set_filter (self->log, NULL);
  else if (gtk_filter_list_model_get_filter (model) == GTK_FILTER (self->row_filter))
    gtk_filter_changed (GTK_FILTER (self->row_filter), GTK_FILTER_CHANGE_DIFFERENT);
  else
    sb_event_log_set_filter (self->log, GTK_FILTER (self->row_filter));

  restore_selection (self);
  restart_search (self);
}

/* Every filter back to showing all. */
static void
reset_filters (SbLogSearch *self)
{
  self->resetting = TRUE;
  gtk_drop_down_set_selected (self->side_drop, 0);
  gtk_drop_down_set_selected (self->socket_drop, 0);
  gtk_drop_down_set_selected (self->call_drop, 0);
  gtk_check_button_set_active (self->errors_check, FALSE);
  self->resetting = FALSE;
  filter_changed_cb (self);
}

static void
add_socket (SbLogSearch *self,
            guint        socket_id)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (socket_id == 0 || g_hash_table_contains (self->seen_sockets, GUINT_TO_POINTER (socket_id)))
    return;

  g_hash_table_add (self->seen_sockets, GUINT_TO_POINTER (socket_id));
  name = sb_transcript_dup_socket_name (self->capture, socket_id);
  /* "#4 conn2": the log's socket column, and the transcript's name. */
  label = g_strdup_printf ("#%u %s", socket_id, name);
  g_array_append_val (self->socket_ids, socket_id);
  gtk_string_list_append (self->socket_names, label);
}

static void scan_sockets (SbLogSearch *self);

static gboolean
scan_sockets_cb (gpointer data)
{
  SbLogSearch *self = data;

  self->scan_id = 0;
  scan_sockets (self);

  return G_SOURCE_REMOVE;
}

/* Names the sockets that appeared since the last look, for the Socket
 * filter: while the bar shows, a part at a time, so that opening a long
 * capture never holds the window up. */
static void
scan_sockets (SbLogSearch *self)
{
  guint n = self->capture != NULL ? sb_capture_get_n_recorded (self->capture) : 0;
  guint end = MIN (n, self->scanned + SCAN_EVENTS);

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;

  for (; self->scanned < end; self->scanned++)
    {
      SbEventInfo info;

      if (sb_capture_get_info (self->capture, self->scanned, &info))
        add_socket (self, info.socket_id);
    }

  if (self->scanned < n && self->scan_id == 0)
    self->scan_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE + 20, scan_sockets_cb, self, NULL);
}

void
sb_log_search_filter_socket (SbLogSearch *self,
                             guint        socket_id)
{
  g_return_if_fail (SB_IS_LOG_SEARCH (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  add_socket (self, socket_id);
  for (guint i = 0; i < self->socket_ids->len; i++)
    if (g_array_index (self->socket_ids, guint, i) == socket_id)
      gtk_drop_down_set_selected (self->socket_drop, i + 1);
}

static void
capture_changed_cb (SbLogSearch *self,
                    guint        position,
                    guint        removed,
                    guint        added,
                    GListModel  *model)
{
  if (removed > 0)
    {
      /* A clear: the sockets keep their names, the events are gone. */
      self->scanned = MIN (self->scanned, sb_capture_get_n_recorded (self->capture));
      if (self->search != NULL)
        restart_search (self);
    }
  scan_sockets (self);
  continue_search (self);
}

void
sb_log_search_set_capture (SbLogSearch *self,
                           SbCapture   *capture)
{
  g_return_if_fail (SB_IS_LOG_SEARCH (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  g_set_object (&self->capture, capture);
  if (capture != NULL)
    g_signal_connect_object (capture, "items-changed",
                             G_CALLBACK (capture_changed_cb), self, G_CONNECT_SWAPPED);

  self->scanned = 0;
  g_hash_table_remove_all (self->seen_sockets);
  g_array_set_size (self->socket_ids, 0);
  gtk_string_list_splice (self->socket_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->socket_names)) - 1,
                          NULL);
  scan_sockets (self);
  restart_search (self);
}

static void
search_mode_cb (SbLogSearch *self)
{
  /* Closed, the log shows every row again; open, it searches again. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    reset_filters (self);
  scan_sockets (self);
  restart_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sb_log_search_next (SB_LOG_SEARCH (widget), g_str_equal (action_name, "log-search.previous"));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbLogSearch *self = SB_LOG_SEARCH (widget);

  if (search_running (self))
    {
      g_clear_handle_id (&self->search_id, g_source_remove);
      self->stopped = TRUE;
    }
  if (gtk_filter_list_model_get_pending (sb_event_log_get_filter_model (self->log)) > 0)
    reset_filters (self);
  update_labels (self);
}

static void
next_match_cb (SbLogSearch *self)
{
  sb_log_search_next (self, FALSE);
}

static void
previous_match_cb (SbLogSearch *self)
{
  sb_log_search_next (self, TRUE);
}

static void
pending_cb (SbLogSearch *self)
{
  update_progress (self);
  restore_selection (self);
}

SbLogSearch *
sb_log_search_new (SbEventLog *log)
{
  SbLogSearch *self;

  g_return_val_if_fail (SB_IS_EVENT_LOG (log), NULL);

  self = g_object_new (SB_TYPE_LOG_SEARCH, NULL);
  self->log = log;
  g_signal_connect_object (sb_event_log_get_filter_model (log), "notify::pending",
                           G_CALLBACK (pending_cb), self, G_CONNECT_SWAPPED);

  return self;
}

static void
sb_log_search_dispose (GObject *object)
{
  SbLogSearch *self = SB_LOG_SEARCH (object);

  stop_search (self);
  g_clear_handle_id (&self->restore_id, g_source_remove);
  g_clear_handle_id (&self->scan_id, g_source_remove);
  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_LOG_SEARCH);
  g_clear_object (&self->capture);
  /* The log's filter model may outlive this bar. */
  if (self->row_filter != NULL)
    gtk_custom_filter_set_filter_func (self->row_filter, NULL, NULL, NULL);
  g_clear_object (&self->row_filter);
  g_clear_object (&self->socket_names);
  g_clear_pointer (&self->socket_ids, g_array_unref);
  g_clear_pointer (&self->seen_sockets, g_hash_table_unref);

  G_OBJECT_CLASS (sb_log_search_parent_class)->dispose (object);
}

static void
sb_log_search_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SbLogSearch *self = SB_LOG_SEARCH (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_log_search_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SbLogSearch *self = SB_LOG_SEARCH (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_log_search_class_init (SbLogSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_log_search_dispose;
  object_class->get_property = sb_log_search_get_property;
  object_class->set_property = sb_log_search_set_property;

  /**
   * SbLogSearch:search-mode-enabled:
   *
   * Whether the search bar shows.
   */
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-log-search.ui");
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, hex_button);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, case_button);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, matches_label);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, progress);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, side_drop);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, socket_drop);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, call_drop);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, errors_check);
  gtk_widget_class_bind_template_child (widget_class, SbLogSearch, match_label);

  gtk_widget_class_install_action (widget_class, "log-search.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "log-search.previous", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "log-search.stop", NULL, stop_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sblogsearch");
}

static void
sb_log_search_init (SbLogSearch *self)
{
  GtkEventController *keys;
  GtkStringList *calls;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->current = -1;
  self->keep_index = GTK_INVALID_LIST_POSITION;
  self->row_filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->socket_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->seen_sockets = g_hash_table_new (NULL, NULL);

  self->socket_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->socket_names, _("All Sockets"));
  gtk_drop_down_set_model (self->socket_drop, G_LIST_MODEL (self->socket_names));

  calls = gtk_string_list_new (NULL);
  gtk_string_list_append (calls, _("All Calls"));
  for (SbEventKind kind = SB_EVENT_SOCKET; kind <= SB_EVENT_RECVFROM; kind++)
    gtk_string_list_append (calls, sb_event_kind_to_string (kind));
  gtk_drop_down_set_model (self->call_drop, G_LIST_MODEL (calls));
  g_object_unref (calls);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "search-changed",
                           G_CALLBACK (restart_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hex_button, "toggled",
                           G_CALLBACK (restart_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_button, "toggled",
                           G_CALLBACK (restart_search), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->hex_button, "active", self->case_button, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (self->entry, "activate",
                           G_CALLBACK (next_match_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "next-match",
                           G_CALLBACK (next_match_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "previous-match",
                           G_CALLBACK (previous_match_cb), self, G_CONNECT_SWAPPED);

  /* Shift+Enter goes back, as in a browser's find bar. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                            "<Shift>Return|<Shift>KP_Enter"),
                                                          gtk_named_action_new (
                                                            "log-search.previous")));
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  g_signal_connect_object (self->side_drop, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->socket_drop, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->call_drop, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->errors_check, "toggled",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
}
