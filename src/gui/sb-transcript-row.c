/* sb-transcript-row.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One statement of the transcript, drawn by the row itself, wrapped at any
 * character.  A list that jumps rebinds every row it keeps (about two
 * hundred), so binding only stores the text: the font is monospace, and
 * the height for a width comes from the number of characters alone; the
 * text is laid out only when the row is drawn.  Should the font disagree
 * (a glyph of another width), the drawn line count wins and the row asks
 * for its size again.
 */

#define G_LOG_DOMAIN "sb-transcript-row"

#include "config.h"

#include <string.h>

#include "sb-transcript-row.h"

/* How much of a comment's colour is kept: the code stands out. */
#define COMMENT_ALPHA 0.68

struct _SbTranscriptRow
{
  GtkWidget    parent_instance;

  char        *text;
  glong        n_chars;
  gsize        comment;       /* byte offset of the comment, or strlen */
  PangoLayout *layout;        /* made when drawn, dropped when the text changes */

  /* of the font, for the pango context serial they were taken at */
  guint        context_serial;
  int          char_width;    /* pango units */
  int          line_height;   /* pixels */

  /* lines the drawn layout really took, at that width */
  int          drawn_width;
  int          drawn_lines;
};

G_DEFINE_FINAL_TYPE (SbTranscriptRow, sb_transcript_row, GTK_TYPE_WIDGET)

static gboolean
update_metrics (SbTranscriptRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);
  PangoFontMetrics *metrics;

  if (self->line_height > 0 && serial == self->context_serial)
    return FALSE;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = MAX (1, MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                  pango_font_metrics_get_approximate_digit_width (metrics)));
  self->line_height = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_height (metrics),
                                              pango_font_metrics_get_ascent (metrics) +
                                              pango_font_metrics_get_descent (metrics)));
  pango_font_metrics_unref (metrics);
  self->context_serial = serial;
  self->drawn_width = -1;
  g_clear_object (&self->layout);

  return TRUE;
}

static int
lines_for_width (SbTranscriptRow *self,
                 int              width)
{
  glong per_line;

  if (width == self->drawn_width && self->drawn_lines > 0)
    return self->drawn_lines;
  if (width <= 0 || self->n_chars == 0)
    return 1;

  per_line = MAX (1, ((gint64) width * PANGO_SCALE) / self->char_width);

  return (int) MAX (1, (self->n_chars + per_line - 1) / per_line);
}

static void
sb_transcript_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  SbTranscriptRow *self = SB_TRANSCRIPT_ROW (widget);

  update_metrics (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (12 * self->char_width);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL (MIN (self->n_chars, 100) * self->char_width));
      return;
    }

  *minimum = *natural = lines_for_width (self, for_size) * self->line_height;
}

static GtkSizeRequestMode
sb_transcript_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static PangoLayout *
ensure_layout (SbTranscriptRow *self)
{
  PangoAttrList *attrs;
  PangoAttribute *attr;

  if (self->layout != NULL)
    return self->layout;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_CHAR);
  attrs = pango_attr_list_new ();
  /* A line broken inside a word gets no hyphen: it would read as a byte
   * of the payload. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  if (self->text != NULL && self->text[self->comment] != '\0')
    {
      attr = pango_attr_foreground_alpha_new ((guint16) (COMMENT_ALPHA * 65535));
      attr->start_index = self->comment;
      attr->end_index = G_MAXUINT;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (self->layout, attrs);
  pango_attr_list_unref (attrs);

  return self->layout;
}

static void
sb_transcript_row_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SbTranscriptRow *self = SB_TRANSCRIPT_ROW (widget);
  int width = gtk_widget_get_width (widget);
  PangoLayout *layout;
  GdkRGBA color;
  int lines;

  if (self->text == NULL)
    return;

  update_metrics (self);
  layout = ensure_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, layout, &color);

  lines = pango_layout_get_line_count (layout);
  if (width != self->drawn_width || lines != self->drawn_lines)
    {
      gboolean differs = lines != lines_for_width (self, width);

      self->drawn_width = width;
      self->drawn_lines = lines;
      if (differs)
        gtk_widget_queue_resize (widget);
    }
}

static void
sb_transcript_row_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sb_transcript_row_parent_class)->css_changed (widget, change);

  if (update_metrics (SB_TRANSCRIPT_ROW (widget)))
    gtk_widget_queue_resize (widget);
}

void
sb_transcript_row_set_text (SbTranscriptRow *self,
                            const char      *text,
                            gsize            comment)
{
  int old_lines;

  g_return_if_fail (SB_IS_TRANSCRIPT_ROW (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  old_lines = lines_for_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
  g_free (self->text);
  self->text = g_strdup (text);
  self->n_chars = text != NULL ? g_utf8_strlen (text, -1) : 0;
  self->comment = text != NULL ? MIN (comment, strlen (text)) : 0;
  self->drawn_width = -1;
  self->drawn_lines = 0;
  g_clear_object (&self->layout);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  if (lines_for_width (self, gtk_widget_get_width (GTK_WIDGET (self))) != old_lines)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sb_transcript_row_set_side (SbTranscriptRow *self,
                            const char      *side)
{
  g_return_if_fail (SB_IS_TRANSCRIPT_ROW (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "client");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "server");
  if (side != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), side);
}

GtkWidget *
sb_transcript_row_new (void)
{
  return g_object_new (SB_TYPE_TRANSCRIPT_ROW, NULL);
}

static void
sb_transcript_row_finalize (GObject *object)
{
  SbTranscriptRow *self = SB_TRANSCRIPT_ROW (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (sb_transcript_row_parent_class)->finalize (object);
}

static void
sb_transcript_row_class_init (SbTranscriptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_transcript_row_finalize;

  widget_class->snapshot = sb_transcript_row_snapshot;
  widget_class->measure = sb_transcript_row_measure;
  widget_class->get_request_mode = sb_transcript_row_get_request_mode;
  widget_class->css_changed = sb_transcript_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "sbtranscriptrow");
  /* Read out as its text: the statement. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sb_transcript_row_init (SbTranscriptRow *self)
{
  self->drawn_width = -1;
}
