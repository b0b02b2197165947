/* sb-event-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-event-row.h"
#include "sb-payload.h"

/* Characters of payload preview; the rest is in the inspector. */
#define PREVIEW_CHARS 80

struct _SbEventRow
{
  GtkWidget  parent_instance;

  GtkLabel  *time_label;
  GtkLabel  *side_label;
  GtkLabel  *socket_label;
  GtkLabel  *call_label;
  GtkLabel  *bytes_label;
  GtkLabel  *preview_label;
};

G_DEFINE_FINAL_TYPE (SbEventRow, sb_event_row, GTK_TYPE_WIDGET)

static const char * const row_classes[] = { "client", "server", "eof", "failure" };

static GtkLabel *
add_label (SbEventRow *self,
           const char *css_class,
           int         width_chars,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  /* Ellipsized with a maximum: every row's columns line up. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (width_chars < 0)
    gtk_widget_set_hexpand (label, TRUE);
  else
    gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return GTK_LABEL (label);
}

static gboolean
is_failure (SbEvent *event)
{
  switch (sb_event_get_kind (event))
    {
    case SB_EVENT_RESET:
    case SB_EVENT_ERROR:
      return TRUE;

    case SB_EVENT_CONNECT:
      return sb_event_get_detail (event) != SB_CONNECT_STARTED &&
             sb_event_get_detail (event) != SB_CONNECT_ESTABLISHED;

    case SB_EVENT_SOCKET:
    case SB_EVENT_BIND:
    case SB_EVENT_LISTEN:
    case SB_EVENT_ACCEPT:
    case SB_EVENT_RESOLVE:
    case SB_EVENT_SEND:
    case SB_EVENT_RECV:
    case SB_EVENT_EOF:
    case SB_EVENT_SHUTDOWN:
    case SB_EVENT_CLOSE:
    case SB_EVENT_SENDTO:
    case SB_EVENT_RECVFROM:
    default:
      return sb_event_get_result (event) < 0;
    }
}

static gboolean
carries_bytes (SbEventKind kind)
{
  return kind == SB_EVENT_SEND || kind == SB_EVENT_RECV ||
         kind == SB_EVENT_SENDTO || kind == SB_EVENT_RECVFROM;
}

static char *
format_bytes (guint64 n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu byte", "%llu bytes", n),
                          (unsigned long long) n);
}

/* Escapes only the first bytes: formatting stays cheap for huge payloads. */
static char *
dup_preview (SbEvent *event)
{
  guint8 buffer[PREVIEW_CHARS + 1];
  gsize len;

  len = sb_capture_copy_payload (sb_event_get_capture (event), sb_event_get_index (event),
                                 0, buffer, sizeof buffer);
  return sb_payload_to_escaped (buffer, len, PREVIEW_CHARS);
}

/* An empty label would be read out as its type name; hide it instead. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gboolean empty = text == NULL || *text == '\0';

  gtk_label_set_text (label, empty ? "" : text);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, empty, -1);
}

static void
set_row_class (SbEventRow *self,
               const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_classes); i++)
    {
      if (g_strcmp0 (css_class, row_classes[i]) != 0)
        gtk_widget_remove_css_class (GTK_WIDGET (self), row_classes[i]);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
}

void
sb_event_row_set_event (SbEventRow *self,
                        SbEvent    *event)
{
  g_autofree char *time = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *preview = NULL;
  SbEventKind kind;
  SbSide side;
  gint64 us;

  g_return_if_fail (SB_IS_EVENT_ROW (self));

  if (event == NULL)
    {
      set_label_text (self->time_label, NULL);
      set_label_text (self->side_label, NULL);
      set_label_text (self->socket_label, NULL);
      set_label_text (self->call_label, NULL);
      set_label_text (self->bytes_label, NULL);
      set_label_text (self->preview_label, NULL);
      set_row_class (self, NULL);
      return;
    }

  kind = sb_event_get_kind (event);
  side = sb_event_get_side (event);
  us = MAX (sb_event_get_time_us (event), 0);
  time = g_strdup_printf ("%" G_GINT64_FORMAT ".%06d", us / G_USEC_PER_SEC,
                          (int) (us % G_USEC_PER_SEC));
  if (sb_event_get_socket_id (event) != 0)
    socket = g_strdup_printf ("#%u", sb_event_get_socket_id (event));

  if (kind == SB_EVENT_EOF)
    {
      bytes = format_bytes (0);
      preview = g_strdup (_("recv() returned b'' — the peer closed"));
    }
  else if (carries_bytes (kind) && sb_event_get_result (event) >= 0)
    {
      bytes = format_bytes ((guint64) sb_event_get_result (event));
      if (sb_event_get_payload_length (event) > 0 || sb_event_get_result (event) == 0)
        preview = dup_preview (event);
      else
        preview = g_strdup (_("(bytes not retained)"));
    }
  else
    {
      preview = sb_event_dup_summary (event);
    }

  set_label_text (self->time_label, time);
  set_label_text (self->side_label, sb_side_to_string (side));
  set_label_text (self->socket_label, socket);
  set_label_text (self->call_label, sb_event_kind_to_string (kind));
  set_label_text (self->bytes_label, bytes);
  set_label_text (self->preview_label, preview);

  /* The ladder: client calls on the left of their column, server calls on
   * the right. */
  gtk_label_set_xalign (self->call_label, side == SB_SIDE_SERVER ? 1.0 : 0.0);

  if (is_failure (event))
    set_row_class (self, "failure");
  else if (kind == SB_EVENT_EOF)
    set_row_class (self, "eof");
  else
    set_row_class (self, side == SB_SIDE_SERVER ? "server" : "client");
  gtk_widget_remove_css_class (GTK_WIDGET (self), side == SB_SIDE_SERVER ? "from-client"
                                                                         : "from-server");
  gtk_widget_add_css_class (GTK_WIDGET (self), side == SB_SIDE_SERVER ? "from-server"
                                                                      : "from-client");
}

GtkWidget *
sb_event_row_new (void)
{
  return g_object_new (SB_TYPE_EVENT_ROW, NULL);
}

GtkWidget *
sb_event_row_new_header (void)
{
  SbEventRow *self = g_object_new (SB_TYPE_EVENT_ROW, NULL);

  gtk_widget_add_css_class (GTK_WIDGET (self), "header");
  gtk_label_set_text (self->time_label, _("Time"));
  gtk_label_set_text (self->side_label, _("Side"));
  gtk_label_set_text (self->socket_label, _("Socket"));
  gtk_label_set_text (self->call_label, _("Call"));
  gtk_label_set_xalign (self->call_label, 0.5);
  gtk_label_set_text (self->bytes_label, _("Bytes"));
  gtk_label_set_text (self->preview_label, _("Data"));
  return GTK_WIDGET (self);
}

static void
sb_event_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_event_row_parent_class)->dispose (object);
}

static void
sb_event_row_class_init (SbEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_event_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbeventrow");
}

static void
sb_event_row_init (SbEventRow *self)
{
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              8);

  /* Compact columns, as wide as their longest usual text (seconds up to
   * 9999, "recvfrom", "1048576 bytes"): the data column takes the rest. */
  self->time_label = add_label (self, "time", 11, 1.0);
  self->side_label = add_label (self, "side", 6, 0.0);
  self->socket_label = add_label (self, "socket", 6, 1.0);
  self->call_label = add_label (self, "call", 10, 0.0);
  self->bytes_label = add_label (self, "bytes", 13, 1.0);
  self->preview_label = add_label (self, "preview", -1, 0.0);
}
