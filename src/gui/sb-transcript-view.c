/* sb-transcript-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session as Python, one statement per row.  A list view over the
 * capture, not a text view: only the rows on screen are made, so a
 * million events scroll as smoothly as ten.  The first row is the
 * import; row n + 1 is event n.
 */

#define G_LOG_DOMAIN "sb-transcript-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-list-follow.h"
#include "sb-pane-util.h"
#include "sb-throttle.h"
#include "sb-transcript.h"
#include "sb-transcript-row.h"
#include "sb-transcript-view.h"

/* New rows reach the view at most this often, as in the event log. */
#define SHOW_INTERVAL_MS 100
/* Characters of an unfolded payload literal on screen; Copy gives all. */
#define UNFOLD_CHARS (16 * 1024)

struct _SbTranscriptView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkButton          *jump_button;
  AdwButtonContent   *unfold_content;

  /* owned */
  SbCapture          *capture;
  GtkSliceListModel  *shown;       /* the capture's first events, as far as shown */
  GListStore         *parts;       /* the import row's model, then shown */
  GtkFlattenListModel *rows;
  GtkSingleSelection *selection;
  SbThrottle          show_throttle;
  SbListFollow        follow;
  GHashTable         *unfolded;    /* capture indexes shown whole */
  GHashTable         *bound;       /* GtkListItems bound now */
};

G_DEFINE_FINAL_TYPE (SbTranscriptView, sb_transcript_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_SELECTED_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_overlays (gpointer data)
{
  SbTranscriptView *self = data;

  gtk_widget_set_visible (GTK_WIDGET (self->jump_button),
                          !sb_list_follow_is_following (&self->follow)
                          && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0);
}

static gboolean
selected_folds (SbTranscriptView *self,
                guint            *index)
{
  *index = sb_transcript_view_get_selected_index (self);
  if (*index == GTK_INVALID_LIST_POSITION || self->capture == NULL)
    return FALSE;

  return g_hash_table_contains (self->unfolded, GUINT_TO_POINTER (*index))
         || sb_transcript_folds (self->capture, *index, SB_TRANSCRIPT_FOLD_CHARS);
}

static void
update_fold_action (SbTranscriptView *self)
{
  guint index;
  gboolean folds = selected_folds (self, &index);
  gboolean unfolded = folds && g_hash_table_contains (self->unfolded, GUINT_TO_POINTER (index));
  const char *label = unfolded ? _("Fold") : _("Unfold");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcript.toggle-fold", folds);
  /* The button is named by its content's label. */
  adw_button_content_set_label (self->unfold_content, label);
}

/* The statement in the row, for the import line and for an event. */
static void
render_row (SbTranscriptView *self,
            SbTranscriptRow  *row,
            gpointer          item)
{
  g_autofree char *text = NULL;
  guint index;

  if (!SB_IS_EVENT (item))
    {
      sb_transcript_row_set_text (row, SB_TRANSCRIPT_HEADER, strlen (SB_TRANSCRIPT_HEADER));
      sb_transcript_row_set_side (row, NULL);
      return;
    }

  index = sb_event_get_index (item);
  text = sb_transcript_dup_statement (self->capture, index,
                                      g_hash_table_contains (self->unfolded,
                                                             GUINT_TO_POINTER (index))
                                      ? UNFOLD_CHARS : SB_TRANSCRIPT_FOLD_CHARS);
  sb_transcript_row_set_text (row, text, sb_transcript_find_comment (text));
  sb_transcript_row_set_side (row, sb_side_to_string (sb_event_get_side (item)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SbTranscriptView         *self)
{
  gtk_list_item_set_child (item, sb_transcript_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SbTranscriptView         *self)
{
  render_row (self, SB_TRANSCRIPT_ROW (gtk_list_item_get_child (item)),
              gtk_list_item_get_item (item));
  g_hash_table_add (self->bound, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SbTranscriptView         *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
rerender_index (SbTranscriptView *self,
                guint             index)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *item = key;
      gpointer event = gtk_list_item_get_item (item);

      if (SB_IS_EVENT (event) && sb_event_get_index (event) == index)
        render_row (self, SB_TRANSCRIPT_ROW (gtk_list_item_get_child (item)), event);
    }
}

static void
toggle_fold (SbTranscriptView *self,
             guint             index)
{
  gpointer key = GUINT_TO_POINTER (index);

  if (!g_hash_table_remove (self->unfolded, key))
    {
      if (!sb_transcript_folds (self->capture, index, SB_TRANSCRIPT_FOLD_CHARS))
        return;
      g_hash_table_add (self->unfolded, key);
    }

  rerender_index (self, index);
  update_fold_action (self);
  /* The statement that grew or shrank stays in view. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              index + 1);
}

static void
activate_cb (SbTranscriptView *self,
             guint             position,
             GtkListView      *list_view)
{
  if (position > 0 && self->capture != NULL)
    toggle_fold (self, position - 1);
}

/* Shows every event the capture announced so far. */
static void
show_new_rows (gpointer data)
{
  SbTranscriptView *self = data;
  guint n = self->capture != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->capture)) : 0;

  gtk_slice_list_model_set_size (self->shown, n);
}

static void
capture_changed_cb (SbTranscriptView *self,
                    guint             position,
                    guint             removed,
                    guint             added,
                    GListModel       *model)
{
  if (removed > 0)
    {
      /* Cleared: indexes start again. */
      g_hash_table_remove_all (self->unfolded);
      sb_throttle_run (&self->show_throttle);
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    sb_throttle_queue (&self->show_throttle);
  /* Hidden behind another view, the transcript costs nothing while events
   * pour in: it catches up when it shows (map). */
}

static void
rows_changed_cb (SbTranscriptView *self,
                 guint             position,
                 guint             removed,
                 guint             added,
                 GListModel       *model)
{
  sb_list_follow_items_changed (&self->follow, g_list_model_get_n_items (model), added);
}

static void
selection_changed_cb (SbTranscriptView   *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  update_fold_action (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->capture == NULL)
    return;

  text = sb_transcript_dup_text (self->capture);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sb_widget_toast (widget, _("Copied the transcript, every payload whole"));
}

static void
copy_statement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (widget);
  guint index = sb_transcript_view_get_selected_index (self);
  g_autofree char *text = NULL;

  if (self->capture == NULL)
    return;

  if (index == GTK_INVALID_LIST_POSITION)
    text = g_strdup (SB_TRANSCRIPT_HEADER);
  else
    text = sb_transcript_dup_statement (self->capture, index, 0);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
toggle_fold_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (widget);
  guint index = sb_transcript_view_get_selected_index (self);

  if (index != GTK_INVALID_LIST_POSITION && self->capture != NULL)
    toggle_fold (self, index);
}

static void
jump_to_newest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  sb_list_follow_jump (&SB_TRANSCRIPT_VIEW (widget)->follow);
}

SbTranscriptView *
sb_transcript_view_new (void)
{
  return g_object_new (SB_TYPE_TRANSCRIPT_VIEW, NULL);
}

SbCapture *
sb_transcript_view_get_capture (SbTranscriptView *self)
{
  g_return_val_if_fail (SB_IS_TRANSCRIPT_VIEW (self), NULL);

  return self->capture;
}

void
sb_transcript_view_set_capture (SbTranscriptView *self,
                                SbCapture        *capture)
{
  g_return_if_fail (SB_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  g_set_object (&self->capture, capture);
  g_hash_table_remove_all (self->unfolded);

  sb_throttle_clear (&self->show_throttle);
  gtk_slice_list_model_set_model (self->shown, G_LIST_MODEL (capture));
  show_new_rows (self);
  if (capture != NULL)
    g_signal_connect_object (capture, "items-changed",
                             G_CALLBACK (capture_changed_cb), self, G_CONNECT_SWAPPED);

  sb_list_follow_jump (&self->follow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

guint
sb_transcript_view_get_selected_index (SbTranscriptView *self)
{
  guint position;

  g_return_val_if_fail (SB_IS_TRANSCRIPT_VIEW (self), GTK_INVALID_LIST_POSITION);

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION || position == 0)
    return GTK_INVALID_LIST_POSITION;

  return position - 1;
}

void
sb_transcript_view_select_index (SbTranscriptView *self,
                                 guint             index)
{
  g_return_if_fail (SB_IS_TRANSCRIPT_VIEW (self));

  if (index == sb_transcript_view_get_selected_index (self))
    return;

  if (index == GTK_INVALID_LIST_POSITION || self->capture == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  /* Another view may select an event this one has not shown yet. */
  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    show_new_rows (self);
  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    return;

  sb_list_follow_stop (&self->follow);
  gtk_single_selection_set_selected (self->selection, index + 1);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              index + 1);
}

static void
sb_transcript_view_map (GtkWidget *widget)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (widget);

  GTK_WIDGET_CLASS (sb_transcript_view_parent_class)->map (widget);

  sb_list_follow_map (&self->follow, widget);
  show_new_rows (self);
  /* While hidden behind another view the list kept its place; a view that
   * follows shows the newest statement when it comes back. */
  if (sb_list_follow_is_following (&self->follow))
    sb_list_follow_jump (&self->follow);
}

static void
sb_transcript_view_unmap (GtkWidget *widget)
{
  sb_list_follow_unmap (&SB_TRANSCRIPT_VIEW (widget)->follow);

  GTK_WIDGET_CLASS (sb_transcript_view_parent_class)->unmap (widget);
}

static gboolean
sb_transcript_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (SB_TRANSCRIPT_VIEW (widget)->list_view));
}

static void
sb_transcript_view_dispose (GObject *object)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  sb_throttle_clear (&self->show_throttle);
  sb_list_follow_clear (&self->follow);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_TRANSCRIPT_VIEW);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->parts);
  g_clear_object (&self->shown);
  g_clear_object (&self->capture);
  g_clear_pointer (&self->unfolded, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);

  G_OBJECT_CLASS (sb_transcript_view_parent_class)->dispose (object);
}

static void
sb_transcript_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, sb_transcript_view_get_selected_index (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_transcript_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbTranscriptView *self = SB_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      sb_transcript_view_set_capture (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_INDEX:
      sb_transcript_view_select_index (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_transcript_view_class_init (SbTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_transcript_view_dispose;
  object_class->get_property = sb_transcript_view_get_property;
  object_class->set_property = sb_transcript_view_set_property;

  widget_class->grab_focus = sb_transcript_view_grab_focus;
  widget_class->map = sb_transcript_view_map;
  widget_class->unmap = sb_transcript_view_unmap;

  /**
   * SbTranscriptView:capture:
   *
   * The capture whose events the transcript shows as Python.
   */
  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbTranscriptView:selected-index:
   *
   * The capture index of the selected statement's event, or
   * %GTK_INVALID_LIST_POSITION (nothing, or the import line).  Setting it
   * selects that statement and scrolls to it; bound to the event log's,
   * the two views share one selection.
   */
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL,
                       0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbTranscriptView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SbTranscriptView, jump_button);
  gtk_widget_class_bind_template_child (widget_class, SbTranscriptView, unfold_content);

  gtk_widget_class_install_action (widget_class, "transcript.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "transcript.copy-statement", NULL,
                                   copy_statement_action);
  gtk_widget_class_install_action (widget_class, "transcript.toggle-fold", NULL,
                                   toggle_fold_action);
  gtk_widget_class_install_action (widget_class, "transcript.jump-to-newest", NULL,
                                   jump_to_newest_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "transcript.copy-statement", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbtranscriptview");
}

static void
sb_transcript_view_init (SbTranscriptView *self)
{
  g_autoptr(GListStore) import_row = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GObject) import_item = g_object_new (G_TYPE_OBJECT, NULL);
  GtkListItemFactory *factory;

  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unfolded = g_hash_table_new (NULL, NULL);
  self->bound = g_hash_table_new (NULL, NULL);
  sb_throttle_init (&self->show_throttle, SHOW_INTERVAL_MS, G_PRIORITY_HIGH_IDLE + 10,
                    show_new_rows, self);
  sb_list_follow_init (&self->follow, self->list_view, self->scroller, update_overlays, self);

  self->shown = gtk_slice_list_model_new (NULL, 0, 0);
  g_list_store_append (import_row, import_item);
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->parts, import_row);
  g_list_store_append (self->parts, self->shown);
  self->rows = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->parts)));

  /* The selection connects to the rows first, so the list already knows
   * about new rows when rows_changed_cb() scrolls to them. */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  g_signal_connect_object (self->rows, "items-changed",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);

  update_fold_action (self);
}
