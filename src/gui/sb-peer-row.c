/* sb-peer-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-peer-row"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sb-datagram-peer.h"
#include "sb-pane-util.h"
#include "sb-peer-row.h"
#include "sb-throttle.h"

/* A flood changes the counts once per dispatch; they are shown this often. */
#define COUNTER_INTERVAL_MS 200

struct _SbPeerRow
{
  GtkWidget       parent_instance;

  /* children */
  GtkLabel       *tuple_label;
  GtkLabel       *counts_label;

  /* owned */
  SbDatagramPeer *peer;
  SbThrottle      counter_throttle;
};

G_DEFINE_FINAL_TYPE (SbPeerRow, sb_peer_row, GTK_TYPE_WIDGET)

static void
show_counts (gpointer data)
{
  SbPeerRow *self = data;
  g_autofree char *datagrams = NULL;
  g_autofree char *text = NULL;
  guint64 n_datagrams;
  guint64 n_bytes;

  if (self->peer == NULL)
    return;

  n_datagrams = sb_datagram_peer_get_datagrams (self->peer);
  n_bytes = sb_datagram_peer_get_bytes (self->peer);
  /* Translators: the first half of "3 datagrams, 42 bytes", from one sender */
  datagrams = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " datagram",
                                            "%" PRIu64 " datagrams",
                                            (gulong) n_datagrams),
                               n_datagrams);
  /* Translators: "3 datagrams" (already translated), then the bytes */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %" PRIu64 " byte",
                                       "%s, %" PRIu64 " bytes",
                                       (gulong) n_bytes),
                          datagrams, n_bytes);

  if (g_strcmp0 (gtk_label_get_label (self->counts_label), text) != 0)
    gtk_label_set_label (self->counts_label, text);
}

static void
counts_changed_cb (SbPeerRow      *self,
                   GParamSpec     *pspec,
                   SbDatagramPeer *peer)
{
  sb_throttle_queue (&self->counter_throttle);
}

SbPeerRow *
sb_peer_row_new (void)
{
  return g_object_new (SB_TYPE_PEER_ROW, NULL);
}

SbDatagramPeer *
sb_peer_row_get_peer (SbPeerRow *self)
{
  g_return_val_if_fail (SB_IS_PEER_ROW (self), NULL);

  return self->peer;
}

void
sb_peer_row_set_peer (SbPeerRow      *self,
                      SbDatagramPeer *peer)
{
  g_return_if_fail (SB_IS_PEER_ROW (self));
  g_return_if_fail (peer == NULL || SB_IS_DATAGRAM_PEER (peer));

  if (self->peer == peer)
    return;

  if (self->peer != NULL)
    g_signal_handlers_disconnect_by_func (self->peer, counts_changed_cb, self);
  sb_throttle_clear (&self->counter_throttle);
  g_set_object (&self->peer, peer);

  gtk_label_set_label (self->tuple_label, peer != NULL ? sb_datagram_peer_get_tuple (peer) : "");
  if (peer != NULL)
    {
      g_signal_connect_object (peer, "notify::datagrams", G_CALLBACK (counts_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (peer, "notify::bytes", G_CALLBACK (counts_changed_cb), self,
                               G_CONNECT_SWAPPED);
      sb_throttle_run (&self->counter_throttle);
    }
  else
    {
      gtk_label_set_label (self->counts_label, "");
    }
}

static void
sb_peer_row_dispose (GObject *object)
{
  SbPeerRow *self = SB_PEER_ROW (object);

  sb_peer_row_set_peer (self, NULL);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_peer_row_parent_class)->dispose (object);
}

static void
sb_peer_row_class_init (SbPeerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_peer_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "peerrow");
}

static void
sb_peer_row_init (SbPeerRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  sb_throttle_init (&self->counter_throttle, COUNTER_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    show_counts, self);

  self->tuple_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->tuple_label, 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tuple_label),
                               _("The sender’s address, as Python’s recvfrom() gives it"));
  gtk_widget_add_css_class (GTK_WIDGET (self->tuple_label), "tuple");
  gtk_widget_set_parent (GTK_WIDGET (self->tuple_label), GTK_WIDGET (self));

  self->counts_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->counts_label, 1);
  gtk_label_set_wrap (self->counts_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->counts_label), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counts_label),
                               _("Datagrams received from this sender, and their bytes "
                                 "(real lengths, truncated or not)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->counts_label), GTK_WIDGET (self));
}
