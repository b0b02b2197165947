/* sb-window-export.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbWindow: Export Python Script and Export C Program.
 * win.export-python-script (or win.export-c-program) asks which side, then
 * where (GtkFileChooserNative); they end in win.export-python (or
 * win.export-c), "(ss)": "client" or "server", and a path, which writes
 * the file atomically and says plainly when it could not. */

#define G_LOG_DOMAIN "sb-window-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-pane-util.h"
#include "sb-transcript.h"
#include "sb-window-private.h"

void
_sb_window_show_export_error (SbWindow   *self,
                              const char *title,
                              const char *path,
                              GError     *error)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("Sockbench could not write “%s”.\n\n%s\n\nThe log is as it was."),
                          path, error->message);
  sb_show_message_dialog (GTK_WINDOW (self), title, body);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gboolean c = g_str_equal (action_name, "win.export-c");
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *side_name;
  const char *path;
  SbSide side;

  g_variant_get (param, "(&s&s)", &side_name, &path);
  side = g_str_equal (side_name, "client") ? SB_SIDE_CLIENT : SB_SIDE_SERVER;
  file = g_file_new_for_path (path);

  if (!(c ? sb_transcript_export_c_program : sb_transcript_export_script)
        (_sb_window_get_shown_capture (self), side, file, NULL, &error))
    {
      g_debug ("export to %s failed: %s", path, error->message);
      _sb_window_show_export_error (self, _("Could Not Export the Script"), path, error);
      return;
    }

  message = g_strdup_printf (side == SB_SIDE_CLIENT
                             ? _("Exported the client side’s calls to %s")
                             : _("Exported the server side’s calls to %s"), path);
  sb_window_add_toast (self, message);
}

static void
side_chosen_cb (AdwMessageDialog *dialog,
                const char       *response,
                SbWindow         *self)
{
  g_autofree char *name = NULL;
  gboolean c = g_object_get_data (G_OBJECT (dialog), "sb-c") != NULL;

  if (!g_str_equal (response, "client") && !g_str_equal (response, "server"))
    return;

  name = g_strdup_printf (c ? "%s.c" : "%s.py", response);
  _sb_window_choose_file (self, c ? _("Export C Program") : _("Export Python Script"),
                          GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name, NULL,
                          c ? "win.export-c" : "win.export-python", response, NULL);
}

static void
choose_side_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbWindow *self = SB_WINDOW (widget);
  gboolean c = g_str_equal (action_name, "win.export-c-program");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   c ? _("Export C Program") : _("Export Python Script"),
                                   c ? _("Which side’s calls should the program make? It "
                                         "makes the same calls as the Python script would, "
                                         "in C; what the peer answered is in its comments.")
                                     : _("Which side’s calls should the script make? Run "
                                         "against the same peer, it makes the same calls and "
                                         "sends the same bytes; what the peer answered is in "
                                         "its comments."));
  if (c)
    g_object_set_data (G_OBJECT (dialog), "sb-c", GINT_TO_POINTER (TRUE));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "client", _("C_lient Side"),
                                    "server", _("_Server Side"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "server",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "server");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (side_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_window_class_export_init (SbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export-python-script", NULL,
                                   choose_side_action);
  gtk_widget_class_install_action (widget_class, "win.export-c-program", NULL,
                                   choose_side_action);
  gtk_widget_class_install_action (widget_class, "win.export-python", "(ss)", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-c", "(ss)", export_action);

  _sb_window_class_export_log_init (klass);
}
