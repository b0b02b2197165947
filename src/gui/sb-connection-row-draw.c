/* sb-connection-row-draw.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-connection-row-private.h"
#include "sb-kernel-view.h"
#include "sb-text-draw.h"

/* How a connection row draws itself, measures itself from its fonts,
 * and says what each part is when pointed at. */

/* Pixels: between the peer and the state, between the line's parts
 * below, between the two lines, and inside the state's pill. */
#define PEER_GAP     8
#define DETAIL_GAP   12
#define LINE_SPACING 2
#define PILL_PADDING 8
/* What the row asks for: room for an IPv4 tuple and a state, and at
 * least a short piece of the tuple (the rest is ellipsized). */
#define PEER_NATURAL_CHARS  26
#define PEER_MINIMUM_CHARS  10
#define STATE_NATURAL_CHARS 11
/* The dimmed line below, as the dim-label style class dims. */
#define DETAIL_ALPHA 0.55f
#define PILL_ALPHA   0.1f
#define STATE_SCALE  0.8
#define DETAIL_SCALE 0.85

void
_sb_connection_row_clear_layouts (SbConnectionRow *self)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_object (&self->layouts[i]);
}

void
_sb_connection_row_clear_fonts (SbConnectionRow *self)
{
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->peer_font, pango_font_description_free);
  g_clear_pointer (&self->state_font, pango_font_description_free);
  g_clear_pointer (&self->detail_font, pango_font_description_free);
}

static const PangoFontDescription *
part_font (SbConnectionRow *self,
           Part             part)
{
  if (part == PART_PEER)
    return self->peer_font;
  if (part == PART_STATE)
    return self->state_font;
  return self->detail_font;
}

static PangoFontDescription *
scaled_font (const PangoFontDescription *font,
             double                      scale)
{
  PangoFontDescription *scaled = pango_font_description_copy (font);
  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (scaled, size * scale);
  else
    pango_font_description_set_size (scaled, (int) (size * scale));

  return scaled;
}

/* Takes the fonts' measures again when the font changed (a zoom, a new
 * system font); returns whether it did. */
gboolean
_sb_connection_row_update_metrics (SbConnectionRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (self->font != NULL && pango_font_description_equal (self->font, font))
    return FALSE;

  _sb_connection_row_clear_fonts (self);
  _sb_connection_row_clear_layouts (self);
  self->font = pango_font_description_copy (font);
  self->peer_font = pango_font_description_copy (font);
  pango_font_description_set_family (self->peer_font, "monospace");
  self->state_font = scaled_font (font, STATE_SCALE);
  pango_font_description_set_weight (self->state_font, PANGO_WEIGHT_BOLD);
  self->detail_font = scaled_font (font, DETAIL_SCALE);

  self->peer_height = sb_text_line_height (context, self->peer_font, &self->peer_char_width);
  self->state_height = sb_text_line_height (context, self->state_font, &self->state_char_width);
  self->detail_height = sb_text_line_height (context, self->detail_font, NULL);

  return TRUE;
}

static int
first_line_height (SbConnectionRow *self)
{
  return MAX (self->peer_height, self->state_height);
}

static PangoLayout *
ensure_layout (SbConnectionRow *self,
               Part             part)
{
  if (self->layouts[part] == NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->texts[part]);

      pango_layout_set_font_description (layout, part_font (self, part));
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      /* Figures of one width, so that counting does not jiggle. */
      if (part == PART_PEER || part == PART_IN || part == PART_OUT)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }
      self->layouts[part] = layout;
    }

  return self->layouts[part];
}

/* Draws @part's text at (@x, @y) in at most @max_width pixels; returns
 * the width it took. */
static int
draw_part (SbConnectionRow *self,
           GtkSnapshot     *snapshot,
           Part             part,
           int              x,
           int              y,
           int              max_width,
           const GdkRGBA   *color)
{
  PangoLayout *layout;
  int width, height;

  self->areas[part] = (GdkRectangle) { 0, 0, 0, 0 };
  if (self->texts[part] == NULL || max_width <= 0)
    return 0;

  layout = ensure_layout (self, part);
  pango_layout_set_width (layout, max_width * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, &width, &height);

  sb_text_snapshot_at (snapshot, layout, x, y, color);
  self->areas[part] = (GdkRectangle) { x, y, width, height };

  return width;
}

/* The state in a pill of its tone's colour: its text in the colour, the
 * pill in a tint of it. */
static void
draw_state (SbConnectionRow *self,
            GtkSnapshot     *snapshot,
            int              x,
            int              max_width,
            const GdkRGBA   *text)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color = *text;
  GdkRGBA tint;
  GskRoundedRect pill;
  int width, height, y;

  self->areas[PART_STATE] = (GdkRectangle) { 0, 0, 0, 0 };
  if (self->texts[PART_STATE] == NULL || max_width <= 2 * PILL_PADDING)
    return;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (self->tone_color != NULL)
    gtk_style_context_lookup_color (context, self->tone_color, &color);
G_GNUC_END_IGNORE_DEPRECATIONS
  tint = color;
  tint.alpha *= PILL_ALPHA;

  pango_layout_set_width (ensure_layout (self, PART_STATE),
                          (max_width - 2 * PILL_PADDING) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->layouts[PART_STATE], &width, &height);
  y = (first_line_height (self) - height) / 2;
  gsk_rounded_rect_init_from_rect (&pill,
                                   &GRAPHENE_RECT_INIT (x, y, width + 2 * PILL_PADDING, height),
                                   height / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &tint, &pill.bounds);
  gtk_snapshot_pop (snapshot);
  draw_part (self, snapshot, PART_STATE, x + PILL_PADDING, y, width, &color);
  self->areas[PART_STATE] = (GdkRectangle) { x, y, width + 2 * PILL_PADDING, height };
}

static int
state_natural_width (SbConnectionRow *self)
{
  return PANGO_PIXELS_CEIL (STATE_NATURAL_CHARS * self->state_char_width) + 2 * PILL_PADDING;
}

static void
sb_connection_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA text, dim;
  int peer_width, x, y;

  _sb_connection_row_update_metrics (self);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
G_GNUC_END_IGNORE_DEPRECATIONS

  /* The peer, as much of it as leaves room for the state's pill. */
  peer_width = draw_part (self, snapshot, PART_PEER, 0,
                          (first_line_height (self) - self->peer_height) / 2,
                          width - PEER_GAP - state_natural_width (self), &text);
  draw_state (self, snapshot, peer_width + PEER_GAP, width - peer_width - PEER_GAP, &text);

  for (Part part = PART_TCP; part < N_PARTS; part++)
    self->areas[part] = (GdkRectangle) { 0, 0, 0, 0 };
  if (self->summary)
    return;

  dim = text;
  dim.alpha *= DETAIL_ALPHA;
  x = 0;
  y = first_line_height (self) + LINE_SPACING;
  for (Part part = PART_TCP; part < N_PARTS && x < width; part++)
    {
      int drawn = draw_part (self, snapshot, part, x, y, width - x, &dim);

      if (drawn > 0)
        x += drawn + DETAIL_GAP;
    }
}

/* The size comes from the fonts alone, never from the texts: binding a
 * row lays nothing out. */
static void
sb_connection_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (widget);

  _sb_connection_row_update_metrics (self);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = first_line_height (self);
      if (!self->summary)
        *minimum += LINE_SPACING + self->detail_height;
      *natural = *minimum;
      return;
    }

  *minimum = PANGO_PIXELS_CEIL (PEER_MINIMUM_CHARS * self->peer_char_width)
             + PEER_GAP + state_natural_width (self);
  *natural = PANGO_PIXELS_CEIL (PEER_NATURAL_CHARS * self->peer_char_width)
             + PEER_GAP + state_natural_width (self);
}

static GtkSizeRequestMode
sb_connection_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* Each part's tooltip, where it is drawn. */
static gboolean
sb_connection_row_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (widget);
  const char *text = NULL;
  Part part;

  for (part = 0; part < N_PARTS; part++)
    if (gdk_rectangle_contains_point (&self->areas[part], x, y))
      break;

  switch (part)
    {
    case PART_PEER:
      text = _("The peer's address, as Python prints it");
      break;

    case PART_TCP:
      text = self->stream != NULL ? sb_kernel_view_explain_tcp_state (self->stream) : NULL;
      if (text == NULL)
        text = _("The kernel's TCP state (TCP_INFO)");
      break;

    case PART_IN:
      text = _("Bytes received");
      break;

    case PART_OUT:
      text = _("Bytes sent");
      break;

    case PART_STATE:
    case N_PARTS:
    default:
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_sb_connection_row_class_draw_init (GtkWidgetClass *widget_class)
{
  widget_class->snapshot = sb_connection_row_snapshot;
  widget_class->measure = sb_connection_row_measure;
  widget_class->get_request_mode = sb_connection_row_get_request_mode;
  widget_class->query_tooltip = sb_connection_row_query_tooltip;
}
