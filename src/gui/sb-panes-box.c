/* sb-panes-box.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-panes-box"

#include "config.h"

#include "sb-pane-util.h"
#include "sb-panes-box.h"

/* Pixels between the panes, either way. */
#define SPACING 12

struct _SbPanesBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SbPanesBox, sb_panes_box, GTK_TYPE_WIDGET)

/* The panes' sizes in @orientation for @for_size: the largest and the sum
 * of their minimum and natural sizes. */
typedef struct
{
  int   max_min;
  int   max_nat;
  int   sum_min;
  int   sum_nat;
  guint n;
} Sizes;

static Sizes
measure_panes (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size)
{
  Sizes sizes = { 0, };

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;
      int nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, NULL, NULL);
      sizes.max_min = MAX (sizes.max_min, min);
      sizes.max_nat = MAX (sizes.max_nat, nat);
      sizes.sum_min += min;
      sizes.sum_nat += nat;
      sizes.n++;
    }

  return sizes;
}

static int
spacings (guint n)
{
  return n > 1 ? ((int) n - 1) * SPACING : 0;
}

/* Side by side, every pane gets the same width: at least that of the
 * widest minimum. */
static int
side_by_side_width (GtkWidget *widget,
                    gboolean   natural)
{
  Sizes sizes = measure_panes (widget, GTK_ORIENTATION_HORIZONTAL, -1);

  return (int) sizes.n * (natural ? sizes.max_nat : sizes.max_min) + spacings (sizes.n);
}

static gboolean
fits_side_by_side (GtkWidget *widget,
                   int        width)
{
  return width >= side_by_side_width (widget, FALSE);
}

static int
pane_width (GtkWidget *widget,
            int        width)
{
  Sizes sizes = measure_panes (widget, GTK_ORIENTATION_HORIZONTAL, -1);

  if (sizes.n == 0 || !fits_side_by_side (widget, width))
    return width;
  return (width - spacings (sizes.n)) / (int) sizes.n;
}

static void
sb_panes_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  Sizes sizes;
  int width;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As wide as the widest pane, stacked; as wide as all of them side
       * by side, naturally. */
      sizes = measure_panes (widget, GTK_ORIENTATION_HORIZONTAL, -1);
      *minimum = sizes.max_min;
      *natural = MAX (*minimum, side_by_side_width (widget, TRUE));
      return;
    }

  width = for_size >= 0 ? for_size : side_by_side_width (widget, TRUE);
  sizes = measure_panes (widget, GTK_ORIENTATION_VERTICAL, pane_width (widget, width));
  if (fits_side_by_side (widget, width))
    {
      *minimum = sizes.max_min;
      *natural = sizes.max_nat;
    }
  else
    {
      *minimum = sizes.sum_min + spacings (sizes.n);
      *natural = sizes.sum_nat + spacings (sizes.n);
    }
}

static void
sb_panes_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  gboolean stacked = !fits_side_by_side (widget, width);
  int child_width = pane_width (widget, width);
  gboolean all_natural = TRUE;
  int x = 0;
  int y = 0;

  /* Stacked, the panes take their natural heights if they all fit, else
   * their minimum ones (the scrolled window around gives that room). */
  if (stacked)
    {
      Sizes sizes = measure_panes (widget, GTK_ORIENTATION_VERTICAL, width);

      all_natural = sizes.sum_nat + spacings (sizes.n) <= height;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;
      int nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      if (!stacked)
        {
          gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, child_width, height }, -1);
          x += child_width + SPACING;
          continue;
        }

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, all_natural ? nat : min },
                                -1);
      y += (all_natural ? nat : min) + SPACING;
    }
}

static GtkSizeRequestMode
sb_panes_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sb_panes_box_dispose (GObject *object)
{
  sb_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (sb_panes_box_parent_class)->dispose (object);
}

static void
sb_panes_box_class_init (SbPanesBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_panes_box_dispose;

  widget_class->measure = sb_panes_box_measure;
  widget_class->size_allocate = sb_panes_box_size_allocate;
  widget_class->get_request_mode = sb_panes_box_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "panesbox");
}

static void
sb_panes_box_init (SbPanesBox *self)
{
}
