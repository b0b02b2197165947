/* sb-window-chooser.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbWindow: the file chooser that every "… to a file" and "… from a file"
 * command asks with.  It ends by activating a window action with the path,
 * so that the path can as well be given to the action directly (tests,
 * the command line). */

#define G_LOG_DOMAIN "sb-window-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window-private.h"

typedef struct
{
  char      *action;
  GPtrArray *args;    /* strings, before the path */
} Chosen;

static void
chosen_free (gpointer data)
{
  Chosen *chosen = data;

  g_free (chosen->action);
  g_ptr_array_unref (chosen->args);
  g_free (chosen);
}

/* "s" (the path) without arguments, else "(s…s)": the arguments, the path. */
static GVariant *
make_parameter (GPtrArray  *args,
                const char *path)
{
  g_autofree GVariant **children = NULL;

  if (args->len == 0)
    return g_variant_new_string (path);

  children = g_new (GVariant *, args->len + 1);
  for (guint i = 0; i < args->len; i++)
    children[i] = g_variant_new_string (g_ptr_array_index (args, i));
  children[args->len] = g_variant_new_string (path);

  return g_variant_new_tuple (children, args->len + 1);
}

/* The chooser's dialog is gone before the action runs: it would otherwise
 * stay, hidden, among the toplevels while the action opens its own
 * (an error, a progress dialog), and GTK 4.8's accessibility root can
 * hand out a hidden toplevel, which has no object path. */
static void
response_cb (GtkNativeDialog *native,
             int              response,
             SbWindow        *self)
{
  Chosen *chosen = g_object_steal_data (G_OBJECT (native), "sb-chosen");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (path != NULL)
    {
      g_autoptr(GVariant) parameter = g_variant_ref_sink (make_parameter (chosen->args, path));

      if (!gtk_widget_activate_action_variant (GTK_WIDGET (self), chosen->action, parameter))
        g_debug ("%s is not there or not enabled: %s not used", chosen->action, path);
    }
  chosen_free (chosen);
}

void
_sb_window_choose_file (SbWindow             *self,
                        const char           *title,
                        GtkFileChooserAction  mode,
                        const char           *accept_label,
                        const char           *current_name,
                        GtkFileFilter        *filter,
                        const char           *action,
                        ...)
{
  GtkFileChooserNative *native;
  Chosen *chosen;
  const char *arg;
  va_list ap;

  g_assert (SB_IS_WINDOW (self));
  g_assert (mode == GTK_FILE_CHOOSER_ACTION_OPEN || mode == GTK_FILE_CHOOSER_ACTION_SAVE);

  chosen = g_new0 (Chosen, 1);
  chosen->action = g_strdup (action);
  chosen->args = g_ptr_array_new_with_free_func (g_free);
  va_start (ap, action);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (chosen->args, g_strdup (arg));
  va_end (ap);

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), mode, accept_label,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), current_name);
  g_object_set_data_full (G_OBJECT (native), "sb-chosen", chosen, chosen_free);
  g_signal_connect_object (native, "response", G_CALLBACK (response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
