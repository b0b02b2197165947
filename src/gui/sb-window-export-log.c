/* sb-window-export-log.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbWindow: Export (primary menu).  win.export-log-dialog asks for the
 * format (Wireshark, JSON, text; or one side's calls as a Python script
 * or C program, which go on to Export Python Script and Export C Program)
 * and the scope (the whole log, or the selected event's connection), then
 * where (GtkFileChooserNative).  It ends in win.export-log "(sss)":
 * format "pcapng", "json" or "text"; scope "all" or "connection:<socket
 * id>"; the path.  Anything that wants the log exported (a row's context
 * menu) activates that action; with the format "" it opens the dialog
 * (the scope's connection chosen, when it is the selected event's), with
 * the path "" the file chooser.
 *
 * The export runs on the main loop in steps of a few milliseconds at low
 * priority: the capture keeps recording meanwhile and is not thread-safe,
 * so a worker thread could not read it.  Past a moment a dialog shows the
 * progress and can cancel; the file is renamed into place only at the end
 * (sb_export_finish ()), and a failure is a dialog naming the file. */

#define G_LOG_DOMAIN "sb-window-export-log"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-export.h"
#include "sb-pane-util.h"
#include "sb-window-private.h"

#define STEP_BUDGET_US       (8 * 1000)
#define PROGRESS_AFTER_US    (300 * 1000)
#define JOB_KEY              "sb-export-log-job"

typedef struct
{
  SbWindow       *window;       /* borrowed: the job lives on the window */
  SbExport       *export;
  GCancellable   *cancellable;
  char           *path;
  gint64          started;
  guint           step_id;
  GtkWidget      *progress;     /* once it takes a while */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&job->step_id, g_source_remove);
  sb_progress_dialog_close (&job->progress);
  g_clear_pointer (&job->export, sb_export_free);
  g_clear_object (&job->cancellable);
  g_free (job->path);
  g_free (job);
}

static void
job_end (Job *job)
{
  g_object_set_data (G_OBJECT (job->window), JOB_KEY, NULL);
}

static void
show_failure (SbWindow   *self,
              const char *path,
              GError     *error)
{
  g_debug ("export to %s failed: %s", path, error->message);
  _sb_window_show_export_error (self, _("Could Not Export the Log"), path, error);
}

static void
show_progress (Job *job)
{
  g_autofree char *body = g_strdup_printf (_("Writing “%s”. The log goes on recording."),
                                           job->path);

  sb_progress_dialog_show (&job->progress, GTK_WINDOW (job->window), _("Exporting"), body,
                           _("Export progress"), job->cancellable);
}

static gboolean
step_cb (gpointer data)
{
  Job *job = data;
  SbWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean done = FALSE;

  if (!sb_export_step (job->export, STEP_BUDGET_US, &done, job->cancellable, &error)
      || (done && !sb_export_finish (job->export, job->cancellable, &error)))
    {
      job->step_id = 0;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sb_window_add_toast (self, _("Export cancelled: nothing was written"));
      else
        show_failure (self, job->path, error);
      job_end (job);
      return G_SOURCE_REMOVE;
    }

  if (!done)
    {
      if (job->progress == NULL && g_get_monotonic_time () - job->started > PROGRESS_AFTER_US)
        show_progress (job);
      if (job->progress != NULL)
        sb_progress_dialog_update (job->progress, sb_export_get_fraction (job->export), NULL);
      return G_SOURCE_CONTINUE;
    }

  job->step_id = 0;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u event to %s",
                                          "Exported %u events to %s",
                                          sb_export_get_n_written (job->export)),
                             sb_export_get_n_written (job->export), job->path);
  sb_window_add_toast (self, message);
  job_end (job);
  return G_SOURCE_REMOVE;
}

static void show_dialog (SbWindow   *self,
                         const char *scope);
static void choose_file (SbWindow   *self,
                         const char *format_id,
                         const char *scope);

static void
export_log_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  /* What the log shows: an opened session, or the live capture. */
  SbCapture *capture = _sb_window_get_shown_capture (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  SbExportFormat format;
  const char *format_name;
  const char *scope;
  const char *path;
  Job *job;

  g_variant_get (param, "(&s&s&s)", &format_name, &scope, &path);

  /* What is not given is asked for: the format (and scope) in the
   * dialog, the path in the file chooser. */
  if (format_name[0] == '\0')
    {
      show_dialog (self, scope);
      return;
    }
  if (path[0] == '\0' && sb_export_format_from_string (format_name, &format))
    {
      choose_file (self, format_name, scope);
      return;
    }

  if (g_object_get_data (G_OBJECT (self), JOB_KEY) != NULL)
    {
      sb_window_add_toast (self, _("An export is still running: try again when it is done"));
      return;
    }
  if (!sb_export_format_from_string (format_name, &format))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown export format “%s”: “pcapng”, “json” or “text”"), format_name);
      show_failure (self, path, error);
      return;
    }

  job = g_new0 (Job, 1);
  job->window = self;
  job->path = g_strdup (path);
  job->cancellable = g_cancellable_new ();
  job->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (self), JOB_KEY, job, job_free);

  sb_capture_flush (capture);
  file = g_file_new_for_path (path);
  job->export = sb_export_new (capture, format, scope, &error);
  if (job->export == NULL || !sb_export_start (job->export, file, job->cancellable, &error))
    {
      show_failure (self, path, error);
      job_end (job);
      return;
    }

  job->step_id = g_idle_add_full (G_PRIORITY_LOW, step_cb, job, NULL);
}

/* The dialog: the format, the scope, then the file chooser. */

static const struct
{
  const char *id;
  const char *label;
} formats[] = {
  { "pcapng", N_("Wireshark (pcapng)") },
  { "json", N_("JSON") },
  { "text", N_("Text") },
  { "python", N_("Python Script (one side’s calls)") },
  { "c", N_("C Program (one side’s calls)") },
};

static void
choose_file (SbWindow   *self,
             const char *format_id,
             const char *scope)
{
  g_autofree char *name = NULL;
  SbExportFormat format;

  if (!sb_export_format_from_string (format_id, &format))
    g_return_if_reached ();

  if (g_str_equal (scope, "all"))
    name = g_strdup_printf ("sockbench-log.%s", sb_export_format_get_extension (format));
  else
    name = g_strdup_printf ("sockbench-%s.%s", scope + strlen ("connection:"),
                            sb_export_format_get_extension (format));
  _sb_window_choose_file (self, _("Export Log"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                          name, NULL, "win.export-log", format_id, scope, NULL);
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbWindow         *self)
{
  GtkCheckButton **buttons = g_object_get_data (G_OBJECT (dialog), "sb-formats");
  GtkCheckButton *selected = g_object_get_data (G_OBJECT (dialog), "sb-selected");
  guint socket_id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "sb-socket"));
  g_autofree char *scope = NULL;
  const char *format = NULL;

  if (!g_str_equal (response, "export"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (gtk_check_button_get_active (buttons[i]))
      format = formats[i].id;

  if (g_strcmp0 (format, "python") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export-python-script", NULL);
  else if (g_strcmp0 (format, "c") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export-c-program", NULL);
  else if (format != NULL)
    {
      if (gtk_check_button_get_active (selected) && socket_id != 0)
        scope = sb_export_scope_for_connection (socket_id);
      choose_file (self, format, scope != NULL ? scope : "all");
    }
}

static GtkWidget *
add_check (GtkBox         *box,
           const char     *label,
           GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_box_append (box, check);

  return check;
}

static GtkWidget *
add_heading (GtkBox     *box,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (box, label);

  return label;
}

/* The dialog; @scope "connection:<id>" chooses that connection, else the
 * whole log with the selected event's connection offered. */
static void
show_dialog (SbWindow   *self,
             const char *scope)
{
  SbEvent *event = sb_event_log_get_selected_event (self->event_log);
  guint socket_id = event != NULL ? sb_event_get_socket_id (event) : 0;
  guint64 scope_id = 0;
  GtkCheckButton **buttons = g_new0 (GtkCheckButton *, G_N_ELEMENTS (formats));
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  GtkWidget *dialog;
  GtkWidget *whole;
  GtkWidget *selected;
  g_autofree char *selected_label = NULL;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export"),
                                   _("The log for Wireshark, as JSON or as text; or one "
                                     "side’s calls as a program that makes them again."));

  add_heading (box, _("Format"));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    buttons[i] = GTK_CHECK_BUTTON (add_check (box, _(formats[i].label), i > 0 ? buttons[0]
                                                                             : NULL));
  gtk_check_button_set_active (buttons[0], TRUE);

  add_heading (box, _("Events"));
  whole = add_check (box, _("Whole Log"), NULL);
  if (socket_id != 0)
    selected_label = g_strdup_printf (_("Selected Connection (socket #%u)"), socket_id);
  selected = add_check (box, selected_label != NULL ? selected_label
                                                    : _("Selected Connection (none selected)"),
                        GTK_CHECK_BUTTON (whole));
  gtk_widget_set_sensitive (selected, socket_id != 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (whole), TRUE);
  if (socket_id != 0 && g_str_has_prefix (scope, "connection:")
      && g_ascii_string_to_unsigned (scope + strlen ("connection:"), 10, 1, G_MAXUINT,
                                     &scope_id, NULL)
      && scope_id == socket_id)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (selected), TRUE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (box));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-formats", buttons, g_free);
  g_object_set_data (G_OBJECT (dialog), "sb-selected", selected);
  g_object_set_data (G_OBJECT (dialog), "sb-socket", GUINT_TO_POINTER (socket_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_dialog_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  show_dialog (SB_WINDOW (widget), "all");
}

void
_sb_window_class_export_log_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export-log-dialog", NULL,
                                   export_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.export-log", "(sss)", export_log_action);
}
