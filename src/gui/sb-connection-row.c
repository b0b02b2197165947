/* sb-connection-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-connection-row.h"
#include "sb-kernel-view.h"
#include "sb-pane-util.h"
#include "sb-stream.h"
#include "sb-text-draw.h"
#include "sb-throttle.h"

/* Counters change with every socket call; they are shown this often. */
#define COUNTER_INTERVAL_MS 200

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

typedef enum
{
  PART_PEER,
  PART_STATE,
  PART_TCP,
  PART_IN,
  PART_OUT,
  N_PARTS
} Part;

struct _SbConnectionRow
{
  GtkWidget     parent_instance;

  /* What the row shows, drawn by itself: a burst of connections binds a
   * list's worth of rows (GtkListView keeps two hundred) with each batch,
   * and GtkLabels cost that many widgets, style nodes and measures. */
  char         *texts[N_PARTS];
  char         *label;             /* the accessible label: the texts, in order */
  const char   *description;       /* the accessible description: the TCP state explained */
  PangoLayout  *layouts[N_PARTS];  /* made when drawn, dropped when the text changes */
  GdkRectangle  areas[N_PARTS];    /* where each part was drawn, for its tooltip */
  const char   *tone_color;        /* the state pill's named colour (interned), or NULL */
  gboolean      summary;           /* the first line only */

  /* of the fonts, for the font they were taken for */
  PangoFontDescription *font;
  PangoFontDescription *peer_font;
  PangoFontDescription *state_font;
  PangoFontDescription *detail_font;  /* the line below: TCP state, bytes in and out */
  int           peer_height;     /* pixels */
  int           state_height;
  int           detail_height;
  int           peer_char_width;  /* pango units */
  int           state_char_width;

  /* owned */
  SbStream     *stream;
  SbThrottle    counter_throttle;
};

enum {
  PROP_0,
  PROP_STREAM,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbConnectionRow, sb_connection_row, GTK_TYPE_WIDGET)

static void
clear_layouts (SbConnectionRow *self)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_object (&self->layouts[i]);
}

static void
clear_fonts (SbConnectionRow *self)
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
static gboolean
update_metrics (SbConnectionRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (self->font != NULL && pango_font_description_equal (self->font, font))
    return FALSE;

  clear_fonts (self);
  clear_layouts (self);
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

  update_metrics (self);
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

  update_metrics (self);

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

static void
sb_connection_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (widget);

  GTK_WIDGET_CLASS (sb_connection_row_parent_class)->css_changed (widget, change);

  if (update_metrics (self))
    gtk_widget_queue_resize (widget);
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

/* The accessible label: the texts shown, in order; and the description. */
static void
update_label (SbConnectionRow *self)
{
  g_autoptr(GString) label = g_string_new (NULL);
  const char *description;

  for (guint i = 0; i < N_PARTS; i++)
    {
      if (self->texts[i] == NULL || (self->summary && i > PART_STATE))
        continue;
      if (label->len > 0)
        g_string_append_c (label, ' ');
      g_string_append (label, self->texts[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->str, -1);
  g_free (self->label);
  self->label = g_string_free (g_steal_pointer (&label), FALSE);

  /* What the TCP state's tooltip says, for those who cannot point at it
   * (a translated constant: a new pointer is a new text). */
  description = sb_kernel_view_explain_tcp_state (self->stream);
  if (description == self->description)
    return;
  self->description = description;
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Sets @part's text (taking @text); returns whether it changed.  The
 * caller updates the label once for all the texts it set. */
static gboolean
set_text (SbConnectionRow *self,
          Part             part,
          char            *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  if (g_strcmp0 (self->texts[part], text) == 0)
    {
      g_free (text);
      return FALSE;
    }

  g_free (self->texts[part]);
  self->texts[part] = text;
  g_clear_object (&self->layouts[part]);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

static void
show_counters (gpointer data)
{
  SbConnectionRow *self = data;
  g_autofree char *number_in = NULL;
  g_autofree char *number_out = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tcp = NULL;

  if (self->stream == NULL)
    return;

  number_in = g_strdup_printf ("%" G_GUINT64_FORMAT, sb_stream_get_bytes_received (self->stream));
  number_out = g_strdup_printf ("%" G_GUINT64_FORMAT, sb_stream_get_bytes_sent (self->stream));
  /* Translators: bytes received on a connection */
  in = g_strdup_printf (_("%s B in"), number_in);
  /* Translators: bytes sent on a connection */
  out = g_strdup_printf (_("%s B out"), number_out);
  tcp = sb_kernel_view_describe_tcp_state (self->stream, TRUE);

  /* | not ||: each takes its text. */
  if (set_text (self, PART_IN, g_steal_pointer (&in))
      | set_text (self, PART_OUT, g_steal_pointer (&out))
      | set_text (self, PART_TCP, g_steal_pointer (&tcp)))
    update_label (self);
}

static void
show_state (SbConnectionRow *self)
{
  SbStreamState state = sb_stream_get_state (self->stream);

  const char *tone = sb_stream_state_tone (state);

  /* The text names the state, and so does the tone: both change together. */
  if (set_text (self, PART_STATE, g_strdup (sb_stream_state_to_string (state))))
    {
      g_autofree char *named = tone != NULL ? g_strconcat (tone, "_color", NULL) : NULL;

      self->tone_color = g_intern_string (named);
      update_label (self);
    }
}

static void
show_peer (SbConnectionRow *self)
{
  if (set_text (self, PART_PEER, g_strdup (sb_stream_get_peer_tuple (self->stream))))
    update_label (self);
}

/* One handler for what the row shows, rather than a binding and a handler
 * each: a burst of connections binds a list's worth of rows a few times a
 * second. */
static void
stream_notify_cb (SbConnectionRow *self,
                  GParamSpec      *pspec,
                  SbStream        *stream)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "state"))
    show_state (self);
  else if (g_str_equal (name, "peer-tuple"))
    show_peer (self);
  else if (g_str_equal (name, "tcp-state") || g_str_equal (name, "bytes-received")
           || g_str_equal (name, "bytes-sent"))
    sb_throttle_queue (&self->counter_throttle);
}

static void
sb_connection_row_unbind (SbConnectionRow *self)
{
  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_func (self->stream, stream_notify_cb, self);
  sb_throttle_clear (&self->counter_throttle);
}

SbConnectionRow *
sb_connection_row_new (void)
{
  return g_object_new (SB_TYPE_CONNECTION_ROW, NULL);
}

const char *
sb_connection_row_get_label (SbConnectionRow *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_ROW (self), NULL);

  return self->label != NULL ? self->label : "";
}

SbStream *
sb_connection_row_get_stream (SbConnectionRow *self)
{
  g_return_val_if_fail (SB_IS_CONNECTION_ROW (self), NULL);

  return self->stream;
}

void
sb_connection_row_set_stream (SbConnectionRow *self,
                              SbStream        *stream)
{
  g_return_if_fail (SB_IS_CONNECTION_ROW (self));
  g_return_if_fail (stream == NULL || SB_IS_STREAM (stream));

  if (self->stream == stream)
    return;

  sb_connection_row_unbind (self);
  g_set_object (&self->stream, stream);

  if (stream != NULL)
    {
      /* Disconnected on unbind, and in dispose at the latest. */
      g_signal_connect_swapped (stream, "notify", G_CALLBACK (stream_notify_cb), self);
      show_peer (self);
      show_state (self);
      sb_throttle_run (&self->counter_throttle);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

static void
sb_connection_row_dispose (GObject *object)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  sb_connection_row_unbind (self);
  g_clear_object (&self->stream);
  clear_layouts (self);

  G_OBJECT_CLASS (sb_connection_row_parent_class)->dispose (object);
}

static void
sb_connection_row_finalize (GObject *object)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  for (guint i = 0; i < N_PARTS; i++)
    g_free (self->texts[i]);
  g_free (self->label);
  clear_fonts (self);

  G_OBJECT_CLASS (sb_connection_row_parent_class)->finalize (object);
}

static void
sb_connection_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;

    case PROP_SUMMARY:
      g_value_set_boolean (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbConnectionRow *self = SB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      sb_connection_row_set_stream (self, g_value_get_object (value));
      break;

    case PROP_SUMMARY:
      self->summary = g_value_get_boolean (value);
      update_label (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_connection_row_class_init (SbConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_connection_row_dispose;
  object_class->finalize = sb_connection_row_finalize;
  object_class->get_property = sb_connection_row_get_property;
  object_class->set_property = sb_connection_row_set_property;

  widget_class->snapshot = sb_connection_row_snapshot;
  widget_class->measure = sb_connection_row_measure;
  widget_class->get_request_mode = sb_connection_row_get_request_mode;
  widget_class->css_changed = sb_connection_row_css_changed;
  widget_class->query_tooltip = sb_connection_row_query_tooltip;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         SB_TYPE_STREAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SbConnectionRow:summary:
   *
   * Whether only the first line shows (the peer and the state), as the
   * presentation layout's summary of the selected connection does.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_boolean ("summary", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "connectionrow");
  /* Read out as one text: the parts, in order. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sb_connection_row_init (SbConnectionRow *self)
{
  sb_throttle_init (&self->counter_throttle, COUNTER_INTERVAL_MS, G_PRIORITY_DEFAULT,
                    show_counters, self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
