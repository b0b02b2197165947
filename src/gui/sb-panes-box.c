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

static guint
count_visible (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);

  return n;
}

/* Side by side, every pane gets the same width: that of the widest
 * minimum.  The width they take so, or their natural one. */
static int
side_by_side_width (GtkWidget *widget,
                    gboolean   natural)
{
  guint n = count_visible (widget);
  int widest = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;
      int nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      widest = MAX (widest, natural ? nat : min);
    }

  return n > 0 ? (int) n * widest + ((int) n - 1) * SPACING : 0;
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
  guint n = count_visible (widget);

  if (n == 0 || !fits_side_by_side (widget, width))
    return width;
  return (width - ((int) n - 1) * SPACING) / (int) n;
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
  gboolean stacked;
  int width;
  guint n = 0;

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least as wide as the widest pane, stacked; as wide as all of
       * them side by side, naturally. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          *minimum = MAX (*minimum, min);
        }
      *natural = MAX (*minimum, side_by_side_width (widget, TRUE));
      return;
    }

  width = for_size >= 0 ? for_size : side_by_side_width (widget, TRUE);
  stacked = !fits_side_by_side (widget, width);
  width = pane_width (widget, width);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;
      int nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      if (stacked)
        {
          *minimum += min + (n > 0 ? SPACING : 0);
          *natural += nat + (n > 0 ? SPACING : 0);
        }
      else
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      n++;
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
  int natural_total = 0;
  int x = 0;
  int y = 0;

  /* Stacked, the panes take their natural heights if they all fit, else
   * their minimum ones (the scrolled window around gives that room). */
  if (stacked)
    {
      int dummy_min;
      int nat;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width,
                              &dummy_min, &nat, NULL, NULL);
          natural_total += nat + (natural_total > 0 ? SPACING : 0);
        }
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

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &min, &nat, NULL, NULL);
      if (natural_total > height)
        nat = min;
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, nat }, -1);
      y += nat + SPACING;
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
