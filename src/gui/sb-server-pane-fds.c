/* sb-server-pane-fds.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbServerPane: descriptors as a resource.  The Close After Empty Read
 * switch (its setting, and the listener's close-after-empty-read) beside
 * Auto-accept, and the message while accept() finds no descriptor to give
 * (EMFILE, ENFILE), with the figures, under the accept queue's. */

#define G_LOG_DOMAIN "sb-server-pane"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "sb-listener.h"
#include "sb-pane-util.h"
#include "sb-server-pane-private.h"

static char *
format_limit (guint64 limit)
{
  if (limit == G_MAXUINT64)
    return g_strdup (_("no limit"));

  return g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
}

static void
show_out_of_descriptors (SbServerPane *self)
{
  g_autofree char *limit = format_limit (sb_listener_get_descriptor_limit (self->listener));
  g_autofree char *text = NULL;
  guint open_fds = sb_listener_get_open_descriptors (self->listener);

  if (sb_listener_get_descriptor_error (self->listener) == ENFILE)
    /* Translators: descriptors this process holds, then its limit (RLIMIT_NOFILE) */
    text = g_strdup_printf (_("Out of descriptors: the system has none left (ENFILE); this "
                              "process holds %u, its limit is %s. New connections wait in the "
                              "kernel’s queue; finished ones are closed to make room."),
                            open_fds, limit);
  else
    /* Translators: descriptors this process holds, then its limit (RLIMIT_NOFILE) */
    text = g_strdup_printf (_("Out of descriptors: %u open, the limit is %s (EMFILE). New "
                              "connections wait in the kernel’s queue; finished ones are "
                              "closed to make room."),
                            open_fds, limit);

  sb_label_set_value (self->fds_label, text, _("Out of descriptors"));
}

/* O(1): the listener's last figures. */
void
_sb_server_pane_fds_update (SbServerPane *self)
{
  gboolean out = self->listener != NULL && sb_listener_get_out_of_descriptors (self->listener);

  /* Not built yet (an update from the template's own signals). */
  if (self->fds_box == NULL)
    return;

  if (out)
    show_out_of_descriptors (self);
  gtk_widget_set_visible (self->fds_box, out);
}

void
_sb_server_pane_fds_bind (SbServerPane *self)
{
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (self->close_after_switch, "active",
                                           self->listener, "close-after-empty-read",
                                           G_BINDING_SYNC_CREATE));
}

void
_sb_server_pane_fds_bind_settings (SbServerPane *self,
                                   GSettings    *settings)
{
  g_settings_bind (settings, "close-after-empty-read", self->close_after_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
}

void
_sb_server_pane_fds_init (SbServerPane *self)
{
  const char *tooltip = _("Close each connection right after its empty read (recv() returned "
                          "b''): the peer closed, so close() too, rather than stay half-closed "
                          "in CLOSE_WAIT. Bytes still queued are sent first.");
  GtkWidget *label;
  GtkWidget *icon;
  GtkWidget *row;
  GtkWidget *option;

  /* Beside the selected connection's TCP state, where CLOSE_WAIT shows;
   * the accept row has no room left at 1024 px. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_insert_child_after (GTK_BOX (self->tcp_box), row, GTK_WIDGET (self->kernel_view));
  g_object_ref (self->kernel_view);
  gtk_box_remove (GTK_BOX (self->tcp_box), GTK_WIDGET (self->kernel_view));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->kernel_view));
  g_object_unref (self->kernel_view);
  gtk_widget_set_hexpand (GTK_WIDGET (self->kernel_view), TRUE);

  /* Short, as Auto-accept and Auto-receive: the switch's accessible name
   * and tooltip say it whole.  Level with the state's first line. */
  option = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (option, GTK_ALIGN_START);
  gtk_widget_add_css_class (option, "compact-hide");
  gtk_box_append (GTK_BOX (row), option);

  label = gtk_label_new (C_("Visible label of the Close After Empty Read switch", "Auto-close"));
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_box_append (GTK_BOX (option), label);

  self->close_after_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->close_after_switch), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_after_switch), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_after_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close After Empty Read"),
                                  -1);
  gtk_box_append (GTK_BOX (option), GTK_WIDGET (self->close_after_switch));

  /* Shown in every layout, as the accept queue's message above it. */
  self->fds_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_visible (self->fds_box, FALSE);
  gtk_widget_add_css_class (self->fds_box, "warning");

  icon = g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", "dialog-warning-symbolic",
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "valign", GTK_ALIGN_CENTER,
                       NULL);
  gtk_box_append (GTK_BOX (self->fds_box), icon);

  self->fds_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->fds_label, 0);
  gtk_label_set_wrap (self->fds_label, TRUE);
  gtk_label_set_wrap_mode (self->fds_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (self->fds_label, 10);
  gtk_widget_set_hexpand (GTK_WIDGET (self->fds_label), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fds_label),
                               _("Each connection is a descriptor, and accept() needs a new one: "
                                 "at the limit it fails, and connections wait in the kernel’s "
                                 "queue. Closing the connections whose peer has closed (the "
                                 "empty read seen) frees theirs; Auto-close does it at once."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fds_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Out of descriptors"), -1);
  gtk_box_append (GTK_BOX (self->fds_box), GTK_WIDGET (self->fds_label));

  gtk_box_insert_child_after (GTK_BOX (self->tcp_box), self->fds_box, self->queue_full_box);
}
