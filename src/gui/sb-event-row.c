/* sb-event-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the event log: six columns of text that the row draws itself.
 * A log that follows the newest event rebinds every row the list view keeps
 * (about two hundred) with each batch of new events, so binding only stores
 * the texts: a row lays its text out when it is drawn, and its size comes
 * from the font alone, never from the text.
 */

#define G_LOG_DOMAIN "sb-event-row"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-event-row.h"
#include "sb-payload.h"
#include "sb-text-draw.h"

/* Characters of payload preview; the rest is in the inspector. */
#define PREVIEW_CHARS 80
/* Characters of a datagram's bytes before its address. */
#define DATAGRAM_PREVIEW_CHARS 32
/* What the data column asks for beyond its minimum of nothing. */
#define PREVIEW_NATURAL_CHARS 24
/* The least of the Data column a row asks for: where the window is narrow
 * (1024 px at 150 %), the log keeps the start of each call's data in view
 * and the inspector gives up width first. */
#define PREVIEW_MIN_CHARS 6
/* Pixels between columns, and after the byte count: it must not read as
 * one text with the data. */
#define SPACING   8
#define BYTES_GAP 6
/* The dimmer columns (time, socket) and the header. */
#define DIM_ALPHA 0.7f

typedef enum
{
  COLUMN_TIME,
  COLUMN_SIDE,
  COLUMN_SOCKET,
  COLUMN_CALL,
  COLUMN_BYTES,
  COLUMN_PREVIEW,
  N_COLUMNS
} Column;

/* Compact columns, as wide as their longest usual text (seconds up to
 * 9999, "recvfrom", "1048576 bytes"): the data column takes the rest. */
static const struct
{
  int            width_chars;
  PangoAlignment align;
} columns[N_COLUMNS] = {
  [COLUMN_TIME]    = { 11, PANGO_ALIGN_RIGHT },
  [COLUMN_SIDE]    = {  6, PANGO_ALIGN_LEFT },
  [COLUMN_SOCKET]  = {  6, PANGO_ALIGN_RIGHT },
  [COLUMN_CALL]    = { 10, PANGO_ALIGN_LEFT },
  [COLUMN_BYTES]   = { 13, PANGO_ALIGN_RIGHT },
  [COLUMN_PREVIEW] = {  0, PANGO_ALIGN_LEFT },
};

typedef enum
{
  STYLE_NONE,
  STYLE_HEADER,
  STYLE_CLIENT,
  STYLE_SERVER,
  STYLE_EOF,
  STYLE_PEER_LEFT,  /* the peer reset or left: an ending, not a failure */
  STYLE_DROPS,      /* UDP: the kernel dropped datagrams: what happened, not our failure */
  STYLE_FAILURE,
} RowStyle;

/* CSS classes of the row, by style: the background and the text colour. */
static const char * const style_classes[] = {
  [STYLE_NONE]    = NULL,
  [STYLE_HEADER]  = "header",
  [STYLE_CLIENT]  = "client",
  [STYLE_SERVER]  = "server",
  [STYLE_EOF]     = "eof",
  [STYLE_PEER_LEFT] = "peer-left",
  [STYLE_DROPS]   = "drops",
  [STYLE_FAILURE] = "failure",
};

struct _SbEventRow
{
  GtkWidget    parent_instance;

  char        *texts[N_COLUMNS];
  char        *label;                /* the accessible label: the texts, in order */
  PangoLayout *layouts[N_COLUMNS];  /* made when drawn, dropped when the text changes */
  RowStyle     style;
  SbSide       side;

  /* An error event counts its repeats (SbCapture::event-changed): watched
   * while the row shows one. */
  SbCapture   *watched;
  guint        watched_index;

  /* of the font, for the pango context serial they were taken at */
  guint        context_serial;
  int          char_width;   /* pango units */
  int          line_height;  /* pixels */
};

G_DEFINE_FINAL_TYPE (SbEventRow, sb_event_row, GTK_TYPE_WIDGET)

static void
clear_layouts (SbEventRow *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->layouts[i]);
}

/* Takes the font's measures again when it changed (a zoom, a new system
 * font); returns whether it did. */
static gboolean
update_metrics (SbEventRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);

  if (self->line_height > 0 && serial == self->context_serial)
    return FALSE;

  self->line_height = sb_text_line_height (context, NULL, &self->char_width);
  self->context_serial = serial;
  clear_layouts (self);

  return TRUE;
}

/* The Side column's text, in the user's language (exports keep the
 * untranslated word: it is data there). */
static const char *
side_label (SbSide side)
{
  return side == SB_SIDE_CLIENT ? C_("log's Side column", "client")
                                : C_("log's Side column", "server");
}

static int
column_width (SbEventRow *self,
              Column      column)
{
  /* The Side column: as wide as the longer of its two words, whatever the
   * language (found once: the language does not change while running). */
  static int side_chars = 0;
  int chars = columns[column].width_chars;

  if (column == COLUMN_SIDE)
    {
      if (side_chars == 0)
        side_chars = MAX (chars, (int) MAX (g_utf8_strlen (side_label (SB_SIDE_CLIENT), -1),
                                            g_utf8_strlen (side_label (SB_SIDE_SERVER), -1)));
      chars = side_chars;
    }

  return PANGO_PIXELS_CEIL (chars * self->char_width);
}

/* Pixels from one column's start to the next one's. */
static int
column_advance (SbEventRow *self,
                Column      column)
{
  return column_width (self, column) + SPACING + (column == COLUMN_BYTES ? BYTES_GAP : 0);
}

static gboolean
is_emphasized (SbEventRow *self,
               Column      column)
{
  switch (self->style)
    {
    case STYLE_HEADER:
      return TRUE;

    case STYLE_CLIENT:
    case STYLE_SERVER:
    case STYLE_FAILURE:
      return column == COLUMN_CALL || column == COLUMN_SIDE;

    case STYLE_EOF:
    case STYLE_PEER_LEFT:
    case STYLE_DROPS:
      return column == COLUMN_CALL || column == COLUMN_PREVIEW || column == COLUMN_SIDE;

    case STYLE_NONE:
    default:
      return FALSE;
    }
}

static PangoAlignment
column_alignment (SbEventRow *self,
                  Column      column)
{
  /* The ladder: client calls on the left of their column, server calls on
   * the right. */
  if (column == COLUMN_CALL && self->style == STYLE_HEADER)
    return PANGO_ALIGN_CENTER;
  if (column == COLUMN_CALL && self->side == SB_SIDE_SERVER)
    return PANGO_ALIGN_RIGHT;
  return columns[column].align;
}

static PangoLayout *
ensure_layout (SbEventRow *self,
               Column      column,
               int         width)
{
  PangoLayout *layout = self->layouts[column];

  if (layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->texts[column]);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, column_alignment (self, column));
      if (is_emphasized (self, column))
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      if ((self->style == STYLE_EOF || self->style == STYLE_PEER_LEFT
           || self->style == STYLE_DROPS)
          && (column == COLUMN_CALL || column == COLUMN_PREVIEW))
        pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      self->layouts[column] = layout;
    }
  pango_layout_set_width (layout, width * PANGO_SCALE);

  return layout;
}

static GdkRGBA
column_color (SbEventRow      *self,
              Column           column,
              GtkStyleContext *context,
              const GdkRGBA   *text)
{
  GdkRGBA color = *text;
  const char *named = NULL;

  if (self->style == STYLE_HEADER)
    {
      color.alpha *= DIM_ALPHA;
      return color;
    }

  if (column == COLUMN_SIDE || (column == COLUMN_CALL && (self->style == STYLE_CLIENT ||
                                                           self->style == STYLE_SERVER)))
    named = self->side == SB_SIDE_SERVER ? "warning_color" : "accent_color";
  if (named != NULL && gtk_style_context_lookup_color (context, named, &color))
    return color;

  if (column == COLUMN_TIME || column == COLUMN_SOCKET)
    color.alpha *= DIM_ALPHA;

  return color;
}

static void
sb_event_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SbEventRow *self = SB_EVENT_ROW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA text;
  int x = 0;

  update_metrics (self);
  gtk_style_context_get_color (context, &text);

  for (Column column = 0; column < N_COLUMNS && x < width; column++)
    {
      int column_px = column == COLUMN_PREVIEW ? width - x : column_width (self, column);

      if (self->texts[column] != NULL)
        {
          PangoLayout *layout = ensure_layout (self, column, column_px);
          GdkRGBA color = column_color (self, column, context, &text);

          sb_text_snapshot_at (snapshot, layout, x, 0, &color);
        }
      x += column_advance (self, column);
    }
}

static void
sb_event_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SbEventRow *self = SB_EVENT_ROW (widget);

  update_metrics (self);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = self->line_height;
      return;
    }

  *minimum = 0;
  for (Column column = 0; column < COLUMN_PREVIEW; column++)
    *minimum += column_advance (self, column);
  *natural = *minimum + PANGO_PIXELS_CEIL (PREVIEW_NATURAL_CHARS * self->char_width);
  *minimum += PANGO_PIXELS_CEIL (PREVIEW_MIN_CHARS * self->char_width);
}

static GtkSizeRequestMode
sb_event_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sb_event_row_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  SbEventRow *self = SB_EVENT_ROW (widget);

  GTK_WIDGET_CLASS (sb_event_row_parent_class)->css_changed (widget, change);

  if (update_metrics (self))
    gtk_widget_queue_resize (widget);
}

/* Sets the texts, laying out again only the columns that changed, and the
 * accessible label: every text there is, in order. */
static void
set_texts (SbEventRow *self,
           char       *texts[N_COLUMNS])
{
  g_autoptr(GString) label = g_string_new (NULL);
  gboolean changed = FALSE;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (texts[i] != NULL && *texts[i] == '\0')
        g_clear_pointer (&texts[i], g_free);

      if (g_strcmp0 (self->texts[i], texts[i]) != 0)
        {
          g_free (self->texts[i]);
          self->texts[i] = g_steal_pointer (&texts[i]);
          g_clear_object (&self->layouts[i]);
          changed = TRUE;
        }
      else
        g_clear_pointer (&texts[i], g_free);

      if (self->texts[i] != NULL)
        {
          if (label->len > 0)
            g_string_append_c (label, ' ');
          g_string_append (label, self->texts[i]);
        }
    }

  if (!changed)
    return;

  g_free (self->label);
  self->label = g_strdup (label->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_style (SbEventRow *self,
           RowStyle    style,
           SbSide      side)
{
  if (self->style == style && self->side == side)
    return;

  if (style_classes[self->style] != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), style_classes[self->style]);
  if (style_classes[style] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), style_classes[style]);
  /* What the red says, for assistive technologies (and tests). */
  if ((style == STYLE_FAILURE) != (self->style == STYLE_FAILURE))
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                                 style == STYLE_FAILURE ? GTK_ACCESSIBLE_INVALID_TRUE
                                                        : GTK_ACCESSIBLE_INVALID_FALSE,
                                 -1);
  self->style = style;
  self->side = side;
  clear_layouts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @drops: the event is the kernel's drops on a UDP socket, no failed call. */
static gboolean
is_failure (SbEvent  *event,
            gboolean  drops)
{
  switch (sb_event_get_kind (event))
    {
    case SB_EVENT_ERROR:
      return !drops;

    case SB_EVENT_RESET:
      /* The peer left (ECONNRESET, EPIPE, ENOTCONN): not our failure. */
      return FALSE;

    case SB_EVENT_CONNECT:
      /* A refused address with more to try is a normal step. */
      return sb_event_get_detail (event) != SB_CONNECT_STARTED &&
             sb_event_get_detail (event) != SB_CONNECT_ESTABLISHED &&
             sb_event_get_detail (event) != SB_CONNECT_NEXT_ADDRESS;

    case SB_EVENT_RECV:
    case SB_EVENT_RECVFROM:
      /* A recv() that would block is a normal answer, not an error. */
      return sb_event_get_result (event) < 0 && sb_event_get_errnum (event) != EAGAIN;

    case SB_EVENT_SOCKET:
    case SB_EVENT_BIND:
    case SB_EVENT_LISTEN:
    case SB_EVENT_ACCEPT:
    case SB_EVENT_RESOLVE:
    case SB_EVENT_SEND:
    case SB_EVENT_EOF:
    case SB_EVENT_SHUTDOWN:
    case SB_EVENT_CLOSE:
    case SB_EVENT_SENDTO:
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

/* UDP: the datagram's bytes first, as for TCP (a narrow log shows them),
 * then what of it was kept, where it went or came from, and what the
 * kernel dropped before it:
 * "ping · from ('127.0.0.1', 51515)",
 * "abcdefgh (truncated: 8 of 20 bytes kept) · from ('127.0.0.1', 51515)",
 * "empty datagram (not an end of file) · from ('127.0.0.1', 51515)". */
static char *
dup_datagram_preview (SbEvent *event)
{
  g_autoptr(GString) out = g_string_new (NULL);
  SbEventKind kind = sb_event_get_kind (event);
  gint64 length = sb_event_get_result (event);
  gsize requested = sb_event_get_requested (event);
  int dropped = sb_event_get_detail (event);
  const char *tuple = sb_event_get_note (event);

  if (length == 0)
    /* UDP has no end of file: a datagram of no bytes is a datagram. */
    g_string_append (out, kind == SB_EVENT_RECVFROM
                          ? _("empty datagram (not an end of file)")
                          : _("empty datagram"));
  else if (sb_event_get_payload_length (event) > 0)
    {
      guint8 buffer[DATAGRAM_PREVIEW_CHARS + 1];
      gsize len = sb_capture_copy_payload (sb_event_get_capture (event),
                                           sb_event_get_index (event), 0, buffer, sizeof buffer);
      g_autofree char *preview = sb_payload_to_escaped (buffer, len, DATAGRAM_PREVIEW_CHARS);

      g_string_append (out, preview);
    }
  else
    {
      g_autofree char *gap = sb_capture_dup_gap_text ((guint64) length);

      g_string_append (out, gap);
    }

  if (kind == SB_EVENT_RECVFROM && length > (gint64) requested)
    g_string_append_printf (out,
                            /* Translators: a datagram longer than the recvfrom() buffer */
                            g_dngettext (GETTEXT_PACKAGE,
                                         " (truncated: %llu of %lld byte kept)",
                                         " (truncated: %llu of %lld bytes kept)", length),
                            (unsigned long long) requested, (long long) length);

  /* Translators: a datagram's sender (recvfrom) or destination (sendto) */
  if (tuple != NULL)
    g_string_append_printf (out, kind == SB_EVENT_RECVFROM ? _(" · from %s") : _(" · to %s"),
                            tuple);

  if (kind == SB_EVENT_RECVFROM && dropped > 0)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         " · kernel dropped %d datagram before it",
                                         " · kernel dropped %d datagrams before it", dropped),
                            dropped);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_kernel_drops_text (SbEvent *event)
{
  int dropped = sb_event_get_detail (event);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "kernel dropped %d datagram: the receive buffer was full",
                                       "kernel dropped %d datagrams: the receive buffer was full",
                                       dropped),
                          dropped);
}

static void
event_changed_cb (SbEventRow *self,
                  guint       index,
                  SbCapture  *capture)
{
  g_autoptr(SbEvent) event = NULL;

  if (index != self->watched_index)
    return;

  event = sb_event_new (capture, index);
  sb_event_row_set_event (self, event);
}

/* Only the rows showing an error are told of changes: a handful. */
static void
watch_repeats (SbEventRow *self,
               SbEvent    *event)
{
  SbCapture *capture = NULL;

  if (event != NULL && sb_event_get_kind (event) == SB_EVENT_ERROR)
    capture = sb_event_get_capture (event);

  if (self->watched != capture)
    {
      if (self->watched != NULL)
        g_signal_handlers_disconnect_by_func (self->watched, event_changed_cb, self);
      g_set_object (&self->watched, capture);
      if (capture != NULL)
        g_signal_connect_object (capture, "event-changed", G_CALLBACK (event_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (capture != NULL)
    self->watched_index = sb_event_get_index (event);
}

void
sb_event_row_set_event (SbEventRow *self,
                        SbEvent    *event)
{
  char *texts[N_COLUMNS] = { NULL, };
  SbEventInfo info;
  SbEventKind kind;
  SbSide side;
  gboolean drops;
  gboolean full;
  gint64 us;

  g_return_if_fail (SB_IS_EVENT_ROW (self));

  watch_repeats (self, event);

  if (event == NULL)
    {
      set_texts (self, texts);
      set_style (self, STYLE_NONE, SB_SIDE_CLIENT);
      return;
    }

  kind = sb_event_get_kind (event);
  side = sb_event_get_side (event);
  drops = sb_capture_get_info (sb_event_get_capture (event), sb_event_get_index (event), &info)
          && sb_capture_is_kernel_drops (sb_event_get_capture (event), &info);
  /* The capture filled up, or has room again: no call, marked as drops are. */
  full = !drops && sb_capture_is_full_event (sb_event_get_capture (event), &info);
  us = MAX (sb_event_get_time_us (event), 0);
  texts[COLUMN_TIME] = g_strdup_printf ("%" G_GINT64_FORMAT ".%06d", us / G_USEC_PER_SEC,
                                        (int) (us % G_USEC_PER_SEC));
  texts[COLUMN_SIDE] = g_strdup (side_label (side));
  if (sb_event_get_socket_id (event) != 0)
    texts[COLUMN_SOCKET] = g_strdup_printf ("#%u", sb_event_get_socket_id (event));
  /* Drops are no call. */
  texts[COLUMN_CALL] = g_strdup (drops ? _("drops")
                                 : full ? _("capture") : sb_event_info_call_name (&info));

  if (drops)
    texts[COLUMN_PREVIEW] = dup_kernel_drops_text (event);
  else if ((kind == SB_EVENT_SENDTO || kind == SB_EVENT_RECVFROM)
           && sb_event_get_result (event) >= 0)
    {
      texts[COLUMN_BYTES] = format_bytes ((guint64) sb_event_get_result (event));
      texts[COLUMN_PREVIEW] = dup_datagram_preview (event);
    }
  else if (kind == SB_EVENT_EOF)
    {
      texts[COLUMN_BYTES] = format_bytes (0);
      texts[COLUMN_PREVIEW] = g_strdup (_("recv() returned b'' — the peer closed"));
    }
  else if (carries_bytes (kind) && sb_event_get_result (event) >= 0)
    {
      texts[COLUMN_BYTES] = format_bytes ((guint64) sb_event_get_result (event));
      if (sb_event_get_payload_length (event) > 0 || sb_event_get_result (event) == 0)
        texts[COLUMN_PREVIEW] = dup_preview (event);
      else
        texts[COLUMN_PREVIEW] = sb_capture_dup_gap_text ((guint64) sb_event_get_result (event));
    }
  else
    {
      texts[COLUMN_PREVIEW] = sb_event_dup_summary (event);
    }

  set_texts (self, texts);
  if (is_failure (event, drops || full))
    set_style (self, STYLE_FAILURE, side);
  else if (kind == SB_EVENT_EOF)
    set_style (self, STYLE_EOF, side);
  else if (kind == SB_EVENT_RESET)
    set_style (self, STYLE_PEER_LEFT, side);
  else if (drops || full)
    set_style (self, STYLE_DROPS, side);
  else
    set_style (self, side == SB_SIDE_SERVER ? STYLE_SERVER : STYLE_CLIENT, side);
}

const char *
sb_event_row_get_text (SbEventRow *self)
{
  g_return_val_if_fail (SB_IS_EVENT_ROW (self), NULL);

  return self->label != NULL ? self->label : "";
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
  char *texts[N_COLUMNS] = {
    [COLUMN_TIME]    = g_strdup (_("Time")),
    [COLUMN_SIDE]    = g_strdup (_("Side")),
    [COLUMN_SOCKET]  = g_strdup (_("Socket")),
    [COLUMN_CALL]    = g_strdup (_("Call")),
    [COLUMN_BYTES]   = g_strdup (_("Bytes")),
    [COLUMN_PREVIEW] = g_strdup (_("Data")),
  };

  set_texts (self, texts);
  set_style (self, STYLE_HEADER, SB_SIDE_CLIENT);

  return GTK_WIDGET (self);
}

static void
sb_event_row_dispose (GObject *object)
{
  watch_repeats (SB_EVENT_ROW (object), NULL);

  G_OBJECT_CLASS (sb_event_row_parent_class)->dispose (object);
}

static void
sb_event_row_finalize (GObject *object)
{
  SbEventRow *self = SB_EVENT_ROW (object);

  clear_layouts (self);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->texts[i]);
  g_free (self->label);

  G_OBJECT_CLASS (sb_event_row_parent_class)->finalize (object);
}

static void
sb_event_row_class_init (SbEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_event_row_dispose;
  object_class->finalize = sb_event_row_finalize;

  widget_class->snapshot = sb_event_row_snapshot;
  widget_class->measure = sb_event_row_measure;
  widget_class->get_request_mode = sb_event_row_get_request_mode;
  widget_class->css_changed = sb_event_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "sbeventrow");
  /* Read out as one text: the row's columns, in order. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sb_event_row_init (SbEventRow *self)
{
  self->side = SB_SIDE_CLIENT;
}
