/* sb-ladder-view-draw.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadderView: geometry and drawing.  Only the rows in view are looked
 * at: the lifelines and arrows come from SbLadder's range lookups, the
 * events' texts from the capture, row by row.  Sizes follow the font, so
 * the window's zoom scales the diagram too. */

#define G_LOG_DOMAIN "sb-ladder-view"

#include "config.h"

#include <errno.h>

#include <math.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-ladder-view-private.h"
#include "sb-socket-util.h"

/* How far a lost datagram's arrow goes towards its receiver. */
#define LOST_SHARE 0.55

/* The calls beside their dots, a little smaller than the labels. */
#define EVENT_TEXT_SCALE 0.9

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA line;
  GdkRGBA bg;
  GdkRGBA client;
  GdkRGBA server;
  GdkRGBA eof;
  GdkRGBA error;
  GdkRGBA selection;
} Palette;

gboolean
_sb_ladder_view_update_metrics (SbLadderView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  PangoFontMetrics *metrics;

  if (self->line_height > 0 && serial == self->context_serial)
    return FALSE;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (metrics));
  self->line_height = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_height (metrics),
                                              pango_font_metrics_get_ascent (metrics) +
                                              pango_font_metrics_get_descent (metrics)));
  pango_font_metrics_unref (metrics);
  self->context_serial = serial;
  self->row_height = (int) ceil (self->line_height * 1.7);
  self->header_height = 2 * self->line_height + 12;

  return TRUE;
}

guint
_sb_ladder_view_n_columns (SbLadderView *self)
{
  if (self->ladder == NULL)
    return 0;

  return sb_ladder_get_n_columns (self->ladder, SB_SIDE_CLIENT)
         + sb_ladder_get_n_columns (self->ladder, SB_SIDE_SERVER);
}

static double
vvalue (SbLadderView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static double
hvalue (SbLadderView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

gboolean
_sb_ladder_view_visible_rows (SbLadderView *self,
                              guint        *first,
                              guint        *last)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height;
  guint n = self->ladder != NULL ? sb_ladder_get_n_rows (self->ladder) : 0;
  double v = vvalue (self);

  if (n == 0 || height <= 0 || self->row_height <= 0)
    return FALSE;

  *first = (guint) MAX (0, floor (v / self->row_height));
  *last = (guint) MAX (0, floor ((v + height - 1) / self->row_height));
  *last = MIN (*last, n - 1);

  return *first <= *last;
}

guint
_sb_ladder_view_row_at (SbLadderView *self,
                        double        y)
{
  double row;

  if (self->ladder == NULL || y < self->header_height || self->row_height <= 0)
    return SB_LADDER_NONE;

  row = floor ((y - self->header_height + vvalue (self)) / self->row_height);
  if (row < 0 || row >= sb_ladder_get_n_rows (self->ladder))
    return SB_LADDER_NONE;

  return (guint) row;
}

double
_sb_ladder_view_row_center (SbLadderView *self,
                            guint         row)
{
  return self->header_height + (double) row * self->row_height + self->row_height / 2.0
         - vvalue (self);
}

static double
lifeline_x (SbLadderView *self,
            guint         index)
{
  SbLadderLifeline lifeline;
  guint column;

  if (!sb_ladder_get_lifeline (self->ladder, index, &lifeline))
    return self->char_width * 2.0;

  column = lifeline.column;
  if (lifeline.side == SB_SIDE_SERVER)
    column += sb_ladder_get_n_columns (self->ladder, SB_SIDE_CLIENT);

  return (column + 0.5) * self->column_width - hvalue (self);
}

static void
arrow_ends (SbLadderView        *self,
            const SbLadderArrow *arrow,
            double              *x1,
            double              *y1,
            double              *x2,
            double              *y2)
{
  guint from = arrow->from_event != SB_LADDER_NONE ? arrow->from_event : arrow->to_event;
  guint to = arrow->to_event != SB_LADDER_NONE ? arrow->to_event : arrow->from_event;

  *x1 = lifeline_x (self, arrow->from_lifeline);
  *x2 = lifeline_x (self, arrow->to_lifeline);
  *y1 = _sb_ladder_view_row_center (self, from);
  *y2 = _sb_ladder_view_row_center (self, to);
}

void
_sb_ladder_view_arrow_anchor (SbLadderView        *self,
                              const SbLadderArrow *arrow,
                              double              *x,
                              double              *y,
                              double              *max_width)
{
  double x1, y1, x2, y2;

  arrow_ends (self, arrow, &x1, &y1, &x2, &y2);
  /* A lost datagram stops half way: its label over what is drawn. */
  if (arrow->kind == SB_LADDER_ARROW_LOST)
    x2 = x1 + (x2 - x1) * LOST_SHARE;
  *x = (x1 + x2) / 2;
  *y = (y1 + y2) / 2;
  *max_width = MAX (fabs (x2 - x1) - 4.0 * self->char_width, 6.0 * self->char_width);
}

/* Drawing primitives: GtkSnapshot of GTK 4.8 has no paths, so lines are
 * thin rotated rectangles. */

static void
draw_segment (GtkSnapshot   *snapshot,
              double         x1,
              double         y1,
              double         x2,
              double         y2,
              double         width,
              const GdkRGBA *color)
{
  double length = hypot (x2 - x1, y2 - y1);

  if (length < 0.5)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x1, y1));
  gtk_snapshot_rotate (snapshot, atan2 (y2 - y1, x2 - x1) * 180.0 / G_PI);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (0, -width / 2, length, width));
  gtk_snapshot_restore (snapshot);
}

static void
draw_dot (GtkSnapshot   *snapshot,
          double         x,
          double         y,
          double         radius,
          const GdkRGBA *color)
{
  GskRoundedRect round;

  gsk_rounded_rect_init_from_rect (&round,
                                   &GRAPHENE_RECT_INIT (x - radius, y - radius,
                                                        2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  gtk_snapshot_append_color (snapshot, color, &round.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
draw_text_full (SbLadderView       *self,
                GtkSnapshot        *snapshot,
                const char         *text,
                double              x,
                double              y,
                int                 width,
                PangoAlignment      align,
                gboolean            bold,
                double              scale,
                PangoEllipsizeMode  ellipsize,
                const GdkRGBA      *color)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int text_height;

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, ellipsize);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y - text_height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
draw_text (SbLadderView  *self,
           GtkSnapshot   *snapshot,
           const char    *text,
           double         x,
           double         y,
           int            width,
           PangoAlignment align,
           gboolean       bold,
           double         scale,
           const GdkRGBA *color)
{
  draw_text_full (self, snapshot, text, x, y, width, align, bold, scale, PANGO_ELLIPSIZE_END,
                  color);
}

static void
lookup (GtkStyleContext *context,
        const char      *name,
        GdkRGBA         *color,
        const GdkRGBA   *fallback)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    *color = *fallback;
}

static void
mix (GdkRGBA       *color,
     const GdkRGBA *with,
     double         amount)
{
  color->red += (with->red - color->red) * amount;
  color->green += (with->green - color->green) * amount;
  color->blue += (with->blue - color->blue) * amount;
}

static void
get_palette (SbLadderView *self,
             Palette      *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA white = { 1, 1, 1, 1 };

  gtk_style_context_get_color (context, &palette->fg);
  palette->dim = palette->fg;
  palette->dim.alpha *= 0.7f;
  palette->line = palette->fg;
  palette->line.alpha *= 0.3f;
  lookup (context, "view_bg_color", &palette->bg, &white);
  lookup (context, "accent_color", &palette->client, &palette->fg);
  lookup (context, "warning_color", &palette->server, &palette->fg);
  lookup (context, "error_color", &palette->error, &palette->fg);
  /* The log's purple, moved towards the text colour: darker on a light
   * background, lighter on a dark one, readable on both. */
  lookup (context, "purple_3", &palette->eof, &palette->fg);
  mix (&palette->eof, &palette->fg, 0.3);
  lookup (context, "accent_bg_color", &palette->selection, &palette->client);
  palette->selection.alpha = 0.18f;
}

static const GdkRGBA *
side_color (const Palette *palette,
            SbSide         side)
{
  return side == SB_SIDE_SERVER ? &palette->server : &palette->client;
}

/* What the row says beside its dot: the call, short. */
/* @drops: @info is the kernel's drops on a UDP socket. */
static char *
dup_event_text (const SbEventInfo *info,
                gboolean           drops)
{
  switch (info->kind)
    {
    case SB_EVENT_SOCKET:
      return g_strdup ("socket()");
    case SB_EVENT_BIND:
      return g_strdup ("bind()");
    case SB_EVENT_LISTEN:
      return g_strdup_printf ("listen(%" G_GSIZE_FORMAT ")", info->requested);
    case SB_EVENT_ACCEPT:
      return g_strdup ("accept()");
    case SB_EVENT_RESOLVE:
      return g_strdup ("getaddrinfo()");
    case SB_EVENT_CONNECT:
      switch ((SbConnectPhase) info->detail)
        {
        case SB_CONNECT_STARTED:
          return g_strdup ("connect()");
        case SB_CONNECT_ESTABLISHED:
          return g_strdup (_("connected"));
        case SB_CONNECT_REFUSED:
          return g_strdup (_("refused"));
        case SB_CONNECT_NEXT_ADDRESS:
          return g_strdup (_("next address"));
        case SB_CONNECT_TIMED_OUT:
          return g_strdup (_("timed out"));
        case SB_CONNECT_FAILED:
        default:
          return g_strdup (_("failed"));
        }
    case SB_EVENT_SEND:
      return g_strdup_printf ("send %" G_GINT64_FORMAT, info->result);
    case SB_EVENT_RECV:
      return g_strdup_printf ("recv %" G_GINT64_FORMAT, info->result);
    case SB_EVENT_EOF:
      return g_strdup ("recv b''");
    case SB_EVENT_SHUTDOWN:
      return g_strdup (info->detail == SB_SHUTDOWN_READ ? "shutdown(SHUT_RD)"
                       : info->detail == SB_SHUTDOWN_WRITE ? "shutdown(SHUT_WR)"
                       : "shutdown(SHUT_RDWR)");
    case SB_EVENT_CLOSE:
      return g_strdup (info->detail == SB_CLOSE_ABORT ? _("close() with RST") : "close()");
    case SB_EVENT_RESET:
      /* ENOTCONN has no exception of its own: its name says more than OSError. */
      if (info->errnum == ENOTCONN)
        return g_strdup ("ENOTCONN");
      return g_strdup (sb_errno_get_python_exception (info->errnum));
    case SB_EVENT_SENDTO:
      if (info->result < 0)
        break;
      return g_strdup_printf ("%s %" G_GINT64_FORMAT,
                              sb_event_info_call_name (info), info->result);
    case SB_EVENT_RECVFROM:
      if (info->result < 0)
        break;
      /* Never "b''": that is TCP's end of file. */
      if (info->result == 0)
        return g_strdup (_("recvfrom 0 (empty)"));
      if (info->result > (gint64) info->requested)
        /* Translators: a datagram of %lld bytes truncated to %zu by recvfrom() */
        return g_strdup_printf (_("recvfrom %lld (cut to %zu)"), (long long) info->result,
                                info->requested);
      return g_strdup_printf ("recvfrom %" G_GINT64_FORMAT, info->result);
    case SB_EVENT_ERROR:
      if (drops)
        /* Translators: datagrams the kernel dropped, "dropped 37" */
        return g_strdup_printf (_("dropped %d"), info->detail);
      break;
    default:
      break;
    }

  {
    const char *name = sb_errno_get_name (info->errnum);

    return g_strdup (name != NULL ? name : sb_event_kind_to_string (info->kind));
  }
}

static const GdkRGBA *
event_color (const Palette     *palette,
             const SbEventInfo *info,
             gboolean           drops)
{
  /* The peer closing or leaving is an ending, not a failure; nor are the
   * kernel's drops. */
  if (info->kind == SB_EVENT_EOF || info->kind == SB_EVENT_RESET)
    return &palette->eof;
  if (drops)
    return &palette->dim;
  if (info->kind == SB_EVENT_ERROR || info->result < 0
      || (info->kind == SB_EVENT_CONNECT && info->detail > SB_CONNECT_ESTABLISHED))
    return &palette->error;

  return side_color (palette, info->side);
}

static const GdkRGBA *
arrow_color (SbLadderView        *self,
             const Palette       *palette,
             const SbLadderArrow *arrow)
{
  SbLadderLifeline from;

  if (arrow->kind == SB_LADDER_ARROW_FIN)
    return &palette->eof;
  if (arrow->kind == SB_LADDER_ARROW_RST)
    return &palette->error;
  if (!sb_ladder_get_lifeline (self->ladder, arrow->from_lifeline, &from))
    return &palette->fg;

  return side_color (palette, from.side);
}

static void
draw_lifelines (SbLadderView  *self,
                GtkSnapshot   *snapshot,
                const Palette *palette,
                guint          first,
                guint          last)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double width = MAX (1.0, self->line_height / 12.0);

  g_array_set_size (self->scratch, 0);
  sb_ladder_find_lifelines (self->ladder, first, last, self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      guint index = g_array_index (self->scratch, guint, i);
      SbLadderLifeline lifeline;
      double x, top, bottom;

      sb_ladder_get_lifeline (self->ladder, index, &lifeline);
      x = lifeline_x (self, index);
      top = MAX (self->header_height, _sb_ladder_view_row_center (self, lifeline.first_row));
      bottom = lifeline.last_row == SB_LADDER_NONE
               ? height : MIN (height, _sb_ladder_view_row_center (self, lifeline.last_row));

      /* An outside peer has no events of its own: its name where it starts. */
      if (lifeline.kind == SB_LADDER_LIFELINE_PEER && lifeline.first_row >= first
          && lifeline.first_row <= last)
        {
          int text_width = self->column_width / 2 - 6;
          double y = _sb_ladder_view_row_center (self, lifeline.first_row);

          if (lifeline.side == SB_SIDE_CLIENT)
            draw_text (self, snapshot, lifeline.name, x - 6 - text_width, y, text_width,
                       PANGO_ALIGN_RIGHT, TRUE, 0.9, &palette->dim);
          else
            draw_text (self, snapshot, lifeline.name, x + 6, y, text_width,
                       PANGO_ALIGN_LEFT, TRUE, 0.9, &palette->dim);
        }

      if (lifeline.kind != SB_LADDER_LIFELINE_PEER)
        gtk_snapshot_append_color (snapshot, &palette->line,
                                   &GRAPHENE_RECT_INIT (x - width / 2, top, width, bottom - top));
      else
        /* The outside peer, dashed; the dashes stay put while scrolling. */
        for (double y = top - fmod (top + vvalue (self), 8.0); y < bottom; y += 8.0)
          if (y + 4 > top)
            gtk_snapshot_append_color (snapshot, &palette->line,
                                       &GRAPHENE_RECT_INIT (x - width / 2, MAX (y, top), width,
                                                            MIN (y + 4, bottom) - MAX (y, top)));
    }
}

static void
draw_arrows (SbLadderView  *self,
             GtkSnapshot   *snapshot,
             const Palette *palette,
             guint          first,
             guint          last)
{
  double radius = self->line_height / 4.0;
  double head = self->line_height * 0.55;

  g_array_set_size (self->scratch, 0);
  sb_ladder_find_arrows (self->ladder, first, last, self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      SbLadderArrow arrow;
      double x1, y1, x2, y2, length, dx, dy, width;
      gboolean selected;
      const GdkRGBA *color;

      sb_ladder_get_arrow (self->ladder, g_array_index (self->scratch, guint, i), &arrow);
      arrow_ends (self, &arrow, &x1, &y1, &x2, &y2);
      length = hypot (x2 - x1, y2 - y1);
      if (length < 4 * radius)
        continue;

      selected = self->selected != GTK_INVALID_LIST_POSITION
                 && (arrow.from_event == self->selected || arrow.to_event == self->selected);
      width = MAX (1.5, self->line_height / 9.0) * (selected ? 2 : 1);
      color = arrow_color (self, palette, &arrow);
      dx = (x2 - x1) / length;
      dy = (y2 - y1) / length;
      x1 += dx * (radius + 2);
      y1 += dy * (radius + 2);
      x2 -= dx * (radius + 2);
      y2 -= dy * (radius + 2);

      /* A lost datagram: half way, then a cross where it was lost. */
      if (arrow.kind == SB_LADDER_ARROW_LOST)
        {
          double cx = x1 + (x2 - x1) * LOST_SHARE;
          double cy = y1 + (y2 - y1) * LOST_SHARE;

          draw_segment (snapshot, x1, y1, cx, cy, width, color);
          draw_segment (snapshot, cx - head / 2, cy - head / 2, cx + head / 2, cy + head / 2,
                        width * 1.5, &palette->error);
          draw_segment (snapshot, cx - head / 2, cy + head / 2, cx + head / 2, cy - head / 2,
                        width * 1.5, &palette->error);
          continue;
        }

      draw_segment (snapshot, x1, y1, x2, y2, width, color);
      /* The head: two strokes back from the tip. */
      for (int side = -1; side <= 1; side += 2)
        {
          double angle = atan2 (dy, dx) + G_PI + side * 0.45;

          draw_segment (snapshot, x2 + cos (angle) * width * 0.3, y2 + sin (angle) * width * 0.3,
                        x2 + cos (angle) * head, y2 + sin (angle) * head, width, color);
        }
    }
}

static void
draw_rows (SbLadderView  *self,
           GtkSnapshot   *snapshot,
           const Palette *palette,
           const guint   *shown,
           guint          first,
           guint          last)
{
  guint n_left = sb_ladder_get_n_columns (self->ladder, SB_SIDE_CLIENT);
  double radius = self->line_height / 4.0;
  int text_width = self->column_width / 2 - (int) radius - 6;

  for (guint row = first; row <= last; row++)
    {
      guint index = sb_ladder_get_row_lifeline (self->ladder, row);
      double y = _sb_ladder_view_row_center (self, row);
      g_autofree char *text = NULL;
      SbLadderLifeline lifeline;
      SbEventInfo info;
      gboolean drops;
      const GdkRGBA *color;
      double x;

      if (!sb_capture_get_info (self->capture, row, &info))
        continue;

      drops = sb_capture_is_kernel_drops (self->capture, &info);
      text = dup_event_text (&info, drops);
      color = event_color (palette, &info, drops);

      if (index == SB_LADDER_NONE || !sb_ladder_get_lifeline (self->ladder, index, &lifeline))
        {
          draw_text (self, snapshot, text, self->char_width, y, text_width,
                     PANGO_ALIGN_LEFT, FALSE, EVENT_TEXT_SCALE, color);
          continue;
        }

      x = lifeline_x (self, index);
      if (row == self->selected)
        draw_dot (snapshot, x, y, radius * 1.8, &palette->client);
      draw_dot (snapshot, x, y, radius, color);

      /* The lifeline's name where it starts, unless the header says it. */
      if (row == lifeline.first_row
          && shown[lifeline.column + (lifeline.side == SB_SIDE_SERVER ? n_left : 0)] != index)
        {
          char *named = g_strdup_printf ("%s: %s", lifeline.name, text);

          g_free (text);
          text = named;
        }

      /* Texts on the outer side of the dot: arrows run between the halves. */
      if (lifeline.side == SB_SIDE_CLIENT)
        draw_text (self, snapshot, text, x - radius - 6 - text_width, y, text_width,
                   PANGO_ALIGN_RIGHT, FALSE, EVENT_TEXT_SCALE, color);
      else
        draw_text (self, snapshot, text, x + radius + 6, y, text_width,
                   PANGO_ALIGN_LEFT, FALSE, EVENT_TEXT_SCALE, color);
    }
}

/* The names of the lifelines in view, at the top, whatever the scrolling:
 * in each column the one alive at the first row in view, or else the
 * first to start further down. */
static guint *
dup_header_lifelines (SbLadderView *self,
                      guint         first,
                      guint         last)
{
  guint n_left = sb_ladder_get_n_columns (self->ladder, SB_SIDE_CLIENT);
  guint n_columns = _sb_ladder_view_n_columns (self);
  guint *shown = g_new (guint, MAX (n_columns, 1));

  for (guint c = 0; c < n_columns; c++)
    shown[c] = SB_LADDER_NONE;

  g_array_set_size (self->scratch, 0);
  sb_ladder_find_lifelines (self->ladder, first, last, self->scratch);
  for (guint i = 0; i < self->scratch->len; i++)
    {
      guint index = g_array_index (self->scratch, guint, i);
      SbLadderLifeline lifeline, other;
      guint column;

      sb_ladder_get_lifeline (self->ladder, index, &lifeline);
      column = lifeline.column + (lifeline.side == SB_SIDE_SERVER ? n_left : 0);
      if (column >= n_columns)
        continue;
      if (shown[column] == SB_LADDER_NONE
          || (sb_ladder_get_lifeline (self->ladder, shown[column], &other)
              && lifeline.first_row < other.first_row))
        shown[column] = index;
    }

  return shown;
}

static void
draw_header (SbLadderView  *self,
             GtkSnapshot   *snapshot,
             const Palette *palette,
             const guint   *shown)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint n_columns = _sb_ladder_view_n_columns (self);
  GdkRGBA border = palette->fg;

  border.alpha *= 0.15f;
  gtk_snapshot_append_color (snapshot, &palette->bg,
                             &GRAPHENE_RECT_INIT (0, 0, width, self->header_height));
  gtk_snapshot_append_color (snapshot, &border,
                             &GRAPHENE_RECT_INIT (0, self->header_height - 1, width, 1));

  for (guint c = 0; c < n_columns; c++)
    {
      SbLadderLifeline lifeline;
      double x;
      const GdkRGBA *color;

      if (shown[c] == SB_LADDER_NONE)
        continue;

      sb_ladder_get_lifeline (self->ladder, shown[c], &lifeline);
      x = lifeline_x (self, shown[c]) - self->column_width / 2.0 + 4;
      color = lifeline.kind == SB_LADDER_LIFELINE_PEER ? &palette->dim
              : side_color (palette, lifeline.side);
      draw_text (self, snapshot, lifeline.name, x, 6 + self->line_height / 2.0,
                 self->column_width - 8, PANGO_ALIGN_CENTER, TRUE, 1.0, color);
      if (lifeline.tuple != NULL)
        /* Cut short, a tuple keeps its end: the port. */
        draw_text_full (self, snapshot, lifeline.tuple, x, 6 + self->line_height * 1.5,
                        self->column_width - 8, PANGO_ALIGN_CENTER, FALSE, 0.85,
                        PANGO_ELLIPSIZE_START, &palette->dim);
    }
}

void
_sb_ladder_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree guint *shown = NULL;
  Palette palette;
  guint first, last;

  _sb_ladder_view_update_metrics (self);
  get_palette (self, &palette);

  if (!_sb_ladder_view_visible_rows (self, &first, &last))
    {
      draw_text (self, snapshot,
                 _("Each socket call will appear here: a line per socket, time going down, "
                   "an arrow from each send to the recv that got its bytes"),
                 self->char_width * 2, height / 2.0, width - self->char_width * 4,
                 PANGO_ALIGN_CENTER, FALSE, 1.0, &palette.dim);
      return;
    }

  shown = dup_header_lifelines (self, first, last);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->header_height, width,
                                                         MAX (0, height - self->header_height)));
  if (self->selected >= first && self->selected <= last)
    {
      double top = _sb_ladder_view_row_center (self, self->selected) - self->row_height / 2.0;

      gtk_snapshot_append_color (snapshot, &palette.selection,
                                 &GRAPHENE_RECT_INIT (0, top, width, self->row_height));
    }
  draw_lifelines (self, snapshot, &palette, first, last);
  draw_arrows (self, snapshot, &palette, first, last);
  draw_rows (self, snapshot, &palette, shown, first, last);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
  gtk_snapshot_pop (snapshot);

  draw_header (self, snapshot, &palette, shown);
}
