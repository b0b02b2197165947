/* sb-window.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-ladder-view.h"
#include "sb-listener.h"
#include "sb-panes-box.h"
#include "sb-stream.h"
#include "sb-window-private.h"
#include "sb-workbench.h"

/* How often sockets re-read their kernel TCP state, waiting bytes and
 * accept queue; closed ones, what the kernel still keeps of them. */
#define REFRESH_INTERVAL_MS 500

/* What the event log keeps at least when the panes first take their height. */
#define LOG_MIN_HEIGHT 220

/* Pixels around the panes, as the template has them, and in the
 * presentation layout. */
#define PANES_MARGIN        12
#define PRESENTATION_MARGIN 6

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LOG_VIEW,
  PROP_PRESENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Cheap for a socket closed and forgotten by the kernel: nothing to read. */
static void
refresh_stream (SbStream *stream)
{
  if (stream != NULL)
    sb_stream_refresh (stream);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SbWindow *self = SB_WINDOW (user_data);

  refresh_stream (sb_workbench_get_client (self->workbench));

  /* The accept queue and the live connections only: a closed connection
   * keeps its final figures. */
  sb_listener_refresh (sb_workbench_get_server (self->workbench));

  return G_SOURCE_CONTINUE;
}

/* GtkPaned starts its non-resizing child at its minimum height; the panes
 * scroll, so that minimum is small.  Give them their natural height instead,
 * as far as the log keeps room, and at least the height their content needs
 * (the log giving way down to its own minimum), so that an error line or a
 * connection does not push controls out of view; again whenever they grow,
 * until the user moves the handle. */
/* The panes take the height they need, unless the user moved the handle;
 * in the presentation layout always. */
static gboolean
fits_panes (SbWindow *self)
{
  return self->presentation || !self->user_positioned;
}

static gboolean
fit_panes_cb (gpointer user_data)
{
  SbWindow *self = SB_WINDOW (user_data);
  GtkWidget *top = GTK_WIDGET (self->panes_scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->panes_scroller);
  int height = gtk_widget_get_height (GTK_WIDGET (self->main_paned));
  int width = gtk_widget_get_width (top);
  int minimum = 0;
  int natural = 0;

  self->position_id = 0;

  if (height <= 0 || width <= 0 || !fits_panes (self) || content == NULL)
    return G_SOURCE_REMOVE;

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  self->fitted_natural = natural;

  /* A request's headers or a whole conversation are read in the inspector:
   * while it shows one (HTTP, Follow Stream), the log and the inspector get
   * at least half the height and the panes scroll above them, down to the
   * scroller's own minimum.  Back on an event's bytes, the panes are whole
   * again. */
  if (!self->presentation && sb_inspector_get_connection_view (self->inspector))
    {
      gtk_widget_measure (top, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
      natural = MIN (natural, height - MAX (LOG_MIN_HEIGHT, height / 2));
    }

  /* GtkPaned keeps the position within what the log's minimum allows. */
  self->fit_position = MAX (0, MAX (minimum, MIN (natural, height - LOG_MIN_HEIGHT)));
  self->positioning = TRUE;
  gtk_paned_set_position (self->main_paned, self->fit_position);
  self->positioning = FALSE;

  return G_SOURCE_REMOVE;
}

static void
queue_fit_panes (SbWindow *self)
{
  if (self->position_id == 0 && fits_panes (self))
    self->position_id = g_idle_add (fit_panes_cb, self);
}

static void
connection_view_cb (SbWindow   *self,
                    GParamSpec *pspec,
                    GObject    *inspector)
{
  queue_fit_panes (self);
}

/* After each layout: when what the panes need changed (an error line came
 * or went, a connection was listed, the panes were stacked), fit them
 * again; shrinking as well as growing, which the scroller's adjustment does
 * not tell.  The measure is GTK's cached one unless something changed. */
static void
frame_layout_cb (GdkFrameClock *clock,
                 SbWindow      *self)
{
  GtkWidget *content = gtk_scrolled_window_get_child (self->panes_scroller);
  int width = gtk_widget_get_width (GTK_WIDGET (self->panes_scroller));
  int natural = 0;

  _sb_window_split_layout (self);

  if (!fits_panes (self) || content == NULL || width <= 0)
    return;

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  if (natural != self->fitted_natural)
    queue_fit_panes (self);
}

static void
paned_position_cb (SbWindow   *self,
                   GParamSpec *pspec,
                   GtkPaned   *paned)
{
  gboolean position_set = FALSE;
  int max_position = G_MAXINT;
  gboolean clamped;

  /* Before the first fit GtkPaned computes positions itself; after it, a
   * change that is not ours is a drag of the handle, except GtkPaned
   * holding our fit back where the log's minimum height ends it (panes
   * taller than a 1024x768 window). */
  g_object_get (paned, "position-set", &position_set, "max-position", &max_position, NULL);
  clamped = self->fit_position > max_position
            && gtk_paned_get_position (paned) == max_position;
  if (!self->positioning && position_set && !self->presentation && !clamped)
    self->user_positioned = TRUE;
}

static void sb_window_load_settings (SbWindow *self);

SbWindow *
sb_window_new (SbApplication *application)
{
  SbWindow *self = g_object_new (SB_TYPE_WINDOW, "application", application, NULL);

  /* Not from constructed(): GObject sets "application", which is not a
   * construct property, only after it. */
  sb_window_load_settings (self);

  return self;
}

SbWorkbench *
sb_window_get_workbench (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->workbench;
}

void
sb_window_set_udp (SbWindow *self,
                   gboolean  udp)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  sb_server_pane_set_protocol (self->server_pane, udp);
  sb_client_pane_set_protocol (self->client_pane, udp);
}

void
sb_window_listen_on (SbWindow   *self,
                     const char *address,
                     guint16     port)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  sb_server_pane_listen_on (self->server_pane, address, port);
}

void
sb_window_connect_to (SbWindow   *self,
                      const char *host,
                      guint16     port)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  sb_client_pane_connect_to (self->client_pane, host, port);
}

void
sb_window_add_toast (SbWindow   *self,
                     const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* Toast titles are markup; messages may quote what the user typed. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
memory_budget_changed_cb (SbWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  sb_capture_set_memory_budget (sb_workbench_get_capture (self->workbench),
                                g_settings_get_uint64 (settings, "memory-budget"));
}

/* The zoom set in Preferences (the window's own zoom writes the key too). */
static void
zoom_changed_cb (SbWindow   *self,
                 const char *key,
                 GSettings  *settings)
{
  int zoom = g_settings_get_int (settings, "zoom");

  if (zoom != self->zoom)
    _sb_window_set_zoom (self, zoom);
}

static void
sb_window_load_settings (SbWindow *self)
{
  SbApplication *app = SB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSettings *settings = app != NULL ? sb_application_get_settings (app) : NULL;
  int position;

  if (settings == NULL)
    return;

  self->settings = g_object_ref (settings);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sb_client_pane_bind_settings (self->client_pane, settings);
  sb_server_pane_bind_settings (self->server_pane, settings);

  /* Where the user left the handles; -1 is where the window puts them. */
  position = g_settings_get_int (settings, "panes-height");
  if (position >= 0)
    {
      self->user_positioned = TRUE;
      gtk_paned_set_position (self->main_paned, position);
    }
  _sb_window_split_load (self, settings);

  _sb_window_set_zoom (self, g_settings_get_int (settings, "zoom"));
  g_settings_bind (settings, "log-view", self, "log-view", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "presentation", self, "presentation", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (settings, "changed::zoom",
                           G_CALLBACK (zoom_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::memory-budget",
                           G_CALLBACK (memory_budget_changed_cb), self, G_CONNECT_SWAPPED);
  memory_budget_changed_cb (self, "memory-budget", settings);
  sb_capture_full_bind_settings (self->capture_full, settings);
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_set_int (self->settings, "panes-height",
                          !self->user_positioned ? -1
                          : self->presentation ? self->user_position
                          : gtk_paned_get_position (self->main_paned));
      _sb_window_split_save (self, self->settings);
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

static void
sb_window_map (GtkWidget *widget)
{
  SbWindow *self = SB_WINDOW (widget);

  GTK_WIDGET_CLASS (sb_window_parent_class)->map (widget);

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_INTERVAL_MS, refresh_cb, self);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_handler = g_signal_connect_after (self->frame_clock, "layout",
                                                 G_CALLBACK (frame_layout_cb), self);
  queue_fit_panes (self);
}

static void
disconnect_frame_clock (SbWindow *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->layout_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
sb_window_unmap (GtkWidget *widget)
{
  SbWindow *self = SB_WINDOW (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->position_id, g_source_remove);
  disconnect_frame_clock (self);

  GTK_WIDGET_CLASS (sb_window_parent_class)->unmap (widget);
}

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->position_id, g_source_remove);
  disconnect_frame_clock (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);
  g_clear_object (&self->workbench);
  g_clear_object (&self->settings);
  g_clear_object (&self->zoom_css);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

const char *
sb_window_get_log_view (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  /* The header bar's property actions are read while the template is
   * still being built, before the stack is there. */
  if (self->log_stack == NULL)
    return "list";

  return gtk_stack_get_visible_child_name (self->log_stack);
}

void
sb_window_set_log_view (SbWindow   *self,
                        const char *name)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (name, sb_window_get_log_view (self)) == 0
      || gtk_stack_get_child_by_name (self->log_stack, name) == NULL)
    return;

  gtk_stack_set_visible_child_name (self->log_stack, name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_VIEW]);
}

/* In the presentation layout the inspector shows only for a selected
 * event: the log has the whole width otherwise. */
static void
update_inspector_cb (SbWindow   *self,
                     GParamSpec *pspec,
                     GObject    *inspector)
{
  gtk_widget_set_visible (GTK_WIDGET (self->inspector),
                          !self->presentation || sb_inspector_get_event (self->inspector) != NULL);
}

gboolean
sb_window_get_presentation (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->presentation;
}

void
sb_window_set_presentation (SbWindow *self,
                            gboolean  presentation)
{
  int margin;

  g_return_if_fail (SB_IS_WINDOW (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;

  /* The user's handle position comes back with the usual layout. */
  if (presentation)
    self->user_position = gtk_paned_get_position (self->main_paned);
  self->presentation = presentation;

  if (presentation)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");

  margin = presentation ? PRESENTATION_MARGIN : PANES_MARGIN;
  gtk_widget_set_margin_start (self->panes_box, margin);
  gtk_widget_set_margin_end (self->panes_box, margin);
  gtk_widget_set_margin_top (self->panes_box, margin);
  gtk_widget_set_margin_bottom (self->panes_box, margin);

  sb_client_pane_set_compact (self->client_pane, presentation);
  sb_server_pane_set_compact (self->server_pane, presentation);
  update_inspector_cb (self, NULL, NULL);

  if (!presentation && self->user_positioned)
    {
      self->positioning = TRUE;
      gtk_paned_set_position (self->main_paned, self->user_position);
      self->positioning = FALSE;
    }
  else
    {
      queue_fit_panes (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

static void
sb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOG_VIEW:
      g_value_set_string (value, sb_window_get_log_view (self));
      break;

    case PROP_PRESENTATION:
      g_value_set_boolean (value, sb_window_get_presentation (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOG_VIEW:
      sb_window_set_log_view (self, g_value_get_string (value));
      break;

    case PROP_PRESENTATION:
      sb_window_set_presentation (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->get_property = sb_window_get_property;
  object_class->set_property = sb_window_set_property;
  widget_class->map = sb_window_map;
  widget_class->unmap = sb_window_unmap;
  window_class->close_request = sb_window_close_request;

  /**
   * SbWindow:log-view:
   *
   * Which view of the log shows: "list", "ladder" or "python".
   */
  properties[PROP_LOG_VIEW] =
    g_param_spec_string ("log-view", NULL, NULL, "list",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbWindow:presentation:
   *
   * Whether the window shows the presentation layout: the panes folded
   * into compact bars, the log taking the rest.
   */
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_paned);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, capture_full);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panes_scroller);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, panes_box);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, log_paned);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, client_pane);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, server_pane);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, log_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, event_log);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, ladder_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, python_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, zoom_label);

  _sb_window_class_actions_init (klass);
  _sb_window_class_session_init (klass);

  g_type_ensure (SB_TYPE_CAPTURE_FULL);
  g_type_ensure (SB_TYPE_CLIENT_PANE);
  g_type_ensure (SB_TYPE_SERVER_PANE);
  g_type_ensure (SB_TYPE_EVENT_LOG);
  g_type_ensure (SB_TYPE_INSPECTOR);
  g_type_ensure (SB_TYPE_PANES_BOX);
}

static void
sb_window_init (SbWindow *self)
{
  SbLadderView *ladder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->workbench = sb_workbench_new ();

  sb_client_pane_set_workbench (self->client_pane, self->workbench);
  sb_server_pane_set_workbench (self->server_pane, self->workbench);
  sb_event_log_set_capture (self->event_log, sb_workbench_get_capture (self->workbench));
  sb_capture_full_set_capture (self->capture_full, sb_workbench_get_capture (self->workbench));
  sb_inspector_set_http_follower (self->inspector,
                                  sb_workbench_get_http_follower (self->workbench));
  g_object_bind_property (self->event_log, "selected-event", self->inspector, "event",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->inspector, "notify::event",
                           G_CALLBACK (update_inspector_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "notify::connection-view",
                           G_CALLBACK (connection_view_cb), self, G_CONNECT_SWAPPED);

  /* The ladder diagram shares the List's selection, and so the inspector's. */
  gtk_box_append (self->ladder_page, sb_ladder_view_new_scrolled (&ladder));
  sb_ladder_view_set_capture (ladder, sb_workbench_get_capture (self->workbench));
  g_object_bind_property (self->event_log, "selected-index", ladder, "selected-index",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->transcript_view = sb_transcript_view_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->transcript_view), TRUE);
  gtk_box_append (self->python_page, GTK_WIDGET (self->transcript_view));
  sb_transcript_view_set_capture (self->transcript_view,
                                  sb_workbench_get_capture (self->workbench));
  g_object_bind_property (self->event_log, "selected-index",
                          self->transcript_view, "selected-index",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->main_paned, "notify::position",
                           G_CALLBACK (paned_position_cb), self, G_CONNECT_SWAPPED);
  _sb_window_split_init (self);
  _sb_window_search_init (self);

  _sb_window_actions_init (self);
  _sb_window_session_init (self);
}
