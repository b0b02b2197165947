/* sb-window-session.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window-session"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-http.h"
#include "sb-ladder-view.h"
#include "sb-pane-util.h"
#include "sb-session.h"
#include "sb-window-private.h"
#include "sb-workbench.h"

/* Save Session and Open Session.  A session opened is shown read-only in
 * the log and its views (list, ladder, Python, inspector, HTTP) while the
 * panes go on with the live capture; a bar says so and leads back. */

/* A save or an open that takes longer than this shows its progress. */
#define PROGRESS_DELAY_MS 400

typedef struct
{
  SbWindow       *window;     /* borrowed: this lives as long as it */
  SbCapture      *shown;      /* the session shown, NULL for the live capture */
  SbHttpFollower *follower;   /* over @shown */
  GFile          *file;       /* @shown's */
  GtkWidget      *bar;
  GtkLabel       *bar_label;

  /* The save or open under way */
  GCancellable   *cancellable;
  GtkWidget      *progress;   /* an AdwMessageDialog, once it takes a while */
  char           *progress_title;
  guint           progress_id;
  guint64         written;
  guint64         total;
} Session;

static const char session_key[] = "sb-window-session";

static Session *
get_session (SbWindow *self)
{
  return g_object_get_data (G_OBJECT (self), session_key);
}

static void
end_progress (Session *session)
{
  g_clear_handle_id (&session->progress_id, g_source_remove);
  sb_progress_dialog_close (&session->progress);
  g_clear_pointer (&session->progress_title, g_free);
  g_clear_object (&session->cancellable);
}

static void
session_free (Session *session)
{
  if (session->cancellable != NULL)
    g_cancellable_cancel (session->cancellable);
  end_progress (session);
  g_clear_object (&session->shown);
  g_clear_object (&session->follower);
  g_clear_object (&session->file);
  g_free (session);
}

static SbLadderView *
find_ladder (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SbLadderView *ladder = SB_IS_LADDER_VIEW (child) ? SB_LADDER_VIEW (child)
                                                       : find_ladder (child);

      if (ladder != NULL)
        return ladder;
    }

  return NULL;
}

/* The log and every view over it show @capture. */
static void
show_capture (SbWindow       *self,
              SbCapture      *capture,
              SbHttpFollower *follower)
{
  SbLadderView *ladder = find_ladder (GTK_WIDGET (self->ladder_page));

  sb_event_log_set_capture (self->event_log, capture);
  if (ladder != NULL)
    sb_ladder_view_set_capture (ladder, capture);
  sb_transcript_view_set_capture (self->transcript_view, capture);
  sb_inspector_set_http_follower (self->inspector, follower);
}

static void
update_shown (SbWindow *self)
{
  Session *session = get_session (self);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.live-capture", session->shown != NULL);
  _sb_window_update_clear_log (self);
  gtk_widget_set_visible (session->bar, session->shown != NULL);
  if (session->shown == NULL)
    {
      show_capture (self, sb_workbench_get_capture (self->workbench),
                    sb_workbench_get_http_follower (self->workbench));
      gtk_window_set_title (GTK_WINDOW (self), _("Sockbench"));
      return;
    }

  show_capture (self, session->shown, session->follower);
  name = g_file_get_basename (session->file);
  text = g_strdup_printf (_("Saved session “%s”, read-only: %u events. The panes go on "
                            "capturing live."), name,
                          sb_capture_get_n_recorded (session->shown));
  gtk_label_set_text (session->bar_label, text);
  /* TRANSLATORS: the window's title while a saved session is shown */
  title = g_strdup_printf (_("%s (read-only) — Sockbench"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
show_error (SbWindow   *self,
            const char *heading,
            const char *message)
{
  g_autofree char *body = g_strdup_printf (_("%s\n\nThe log is as it was."), message);

  sb_show_message_dialog (GTK_WINDOW (self), heading, body);
}

static void
update_progress (Session *session)
{
  g_autofree char *body = NULL;
  g_autofree char *size = NULL;

  if (session->progress == NULL)
    return;

  size = g_format_size (session->total);
  if (session->total > 0)
    body = g_strdup_printf (_("%u %% of %s written"),
                            (guint) (session->written * 100 / session->total), size);
  else
    body = g_strdup (_("Checking the file…"));
  sb_progress_dialog_update (session->progress,
                             session->total > 0 ? (double) session->written / session->total : 0,
                             body);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  Session *session = user_data;

  session->progress_id = 0;
  sb_progress_dialog_show (&session->progress, GTK_WINDOW (session->window),
                           session->progress_title, NULL, session->progress_title,
                           session->cancellable);
  update_progress (session);

  return G_SOURCE_REMOVE;
}

/* A new operation: the one under way, if any, is cancelled. */
static GCancellable *
begin_progress (Session    *session,
                const char *title)
{
  if (session->cancellable != NULL)
    g_cancellable_cancel (session->cancellable);
  end_progress (session);

  session->cancellable = g_cancellable_new ();
  session->progress_title = g_strdup (title);
  session->written = session->total = 0;
  session->progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, session);

  return session->cancellable;
}

static void
save_progress_cb (guint64  written,
                  guint64  total,
                  gpointer user_data)
{
  Session *session = user_data;

  session->written = written;
  session->total = total;
  update_progress (session);
}

/* One save or open: the window it is for, the file, and its cancellable
 * (a newer operation has its own). */
typedef struct
{
  SbWindow     *window;
  GFile        *file;
  GCancellable *cancellable;
} Operation;

static Operation *
operation_new (SbWindow     *self,
               GFile        *file,
               GCancellable *cancellable)
{
  Operation *op = g_new0 (Operation, 1);

  op->window = g_object_ref (self);
  op->file = g_object_ref (file);
  op->cancellable = g_object_ref (cancellable);

  return op;
}

static void
operation_free (Operation *op)
{
  Session *session = get_session (op->window);

  if (session != NULL && session->cancellable == op->cancellable)
    end_progress (session);
  g_object_unref (op->window);
  g_object_unref (op->file);
  g_object_unref (op->cancellable);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Operation, operation_free)

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Operation) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (op->file);
  g_autofree char *message = NULL;

  if (!sb_session_save_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sb_window_add_toast (op->window, _("Saving cancelled: nothing was written"));
      else
        show_error (op->window, _("Could Not Save the Session"), error->message);
      return;
    }

  message = g_strdup_printf (_("Saved the session to %s"), name);
  sb_window_add_toast (op->window, message);
}

SbCapture *
_sb_window_get_shown_capture (SbWindow *self)
{
  Session *session = get_session (self);

  if (session != NULL && session->shown != NULL)
    return session->shown;

  return sb_workbench_get_capture (self->workbench);
}

static void
save_session_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  Session *session = get_session (self);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (param, NULL));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Saving “%s”"), name);
  GCancellable *cancellable = begin_progress (session, title);

  sb_session_save_async (_sb_window_get_shown_capture (self), file, cancellable, save_progress_cb, session, saved_cb,
                         operation_new (self, file, cancellable));
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Operation) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCapture) capture = sb_session_open_finish (result, &error);
  Session *session = get_session (op->window);

  if (capture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (op->window, _("Could Not Open the Session"), error->message);
      return;
    }
  if (session == NULL)
    return;

  g_set_object (&session->file, op->file);
  g_clear_object (&session->follower);
  g_set_object (&session->shown, capture);
  session->follower = sb_http_follower_new (capture);
  update_shown (op->window);
}

static void
open_session_from_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  Session *session = get_session (self);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (param, NULL));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Opening “%s”"), name);
  GCancellable *cancellable = begin_progress (session, title);

  sb_session_open_async (file, cancellable, opened_cb, operation_new (self, file, cancellable));
}

static void
live_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  Session *session = get_session (self);

  g_clear_object (&session->shown);
  g_clear_object (&session->follower);
  g_clear_object (&session->file);
  update_shown (self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean save = g_str_equal (action_name, "win.save-session");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Sockbench sessions"));
  gtk_file_filter_add_mime_type (filter, SB_SESSION_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, &SB_SESSION_SUFFIX[1]);
  if (save)
    _sb_window_choose_file (self, _("Save Session"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                            "session" SB_SESSION_SUFFIX, filter, "win.save-session-to", NULL);
  else
    _sb_window_choose_file (self, _("Open Session"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                            NULL, filter, "win.open-session-from", NULL);
}

void
_sb_window_class_session_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save-session", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-session", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.save-session-to", "s",
                                   save_session_to_action);
  gtk_widget_class_install_action (widget_class, "win.open-session-from", "s",
                                   open_session_from_action);
  gtk_widget_class_install_action (widget_class, "win.live-capture", NULL,
                                   live_capture_action);
}

/* The bar goes under the capture-full bar, above the panes. */
void
_sb_window_session_init (SbWindow *self)
{
  Session *session = g_new0 (Session, 1);
  GtkWidget *button;

  session->window = self;
  session->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (session->bar, "toolbar");
  session->bar_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (session->bar_label, TRUE);
  gtk_label_set_xalign (session->bar_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (session->bar_label), TRUE);
  gtk_box_append (GTK_BOX (session->bar), GTK_WIDGET (session->bar_label));
  button = gtk_button_new_with_label (_("Back to Live Capture"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.live-capture");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (session->bar), button);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->capture_full))),
                              session->bar, GTK_WIDGET (self->capture_full));

  g_object_set_data_full (G_OBJECT (self), session_key, session,
                          (GDestroyNotify) session_free);
  update_shown (self);
}
