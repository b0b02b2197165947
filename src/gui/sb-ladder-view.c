/* sb-ladder-view.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SbLadderView: the widget.  It scrolls itself (GtkScrollable): the rows
 * are a fixed height times the number of events, and only those in view
 * are drawn.  The arrows in view are child buttons (sb-ladder-view-arrows.c). */

#define G_LOG_DOMAIN "sb-ladder-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-ladder-view-private.h"


enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_SELECTED_INDEX,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (SbLadderView, sb_ladder_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static gboolean
is_at_bottom (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
         >= gtk_adjustment_get_upper (adj) - 2.0;
}

static double
content_height (SbLadderView *self)
{
  guint n = self->ladder != NULL ? sb_ladder_get_n_rows (self->ladder) : 0;

  return self->header_height + (double) n * self->row_height + self->row_height / 2.0;
}

/* Sets the vertical adjustment's range and page for @height, at the
 * bottom while following; without counting as the user's scrolling. */
static void
configure_vadjustment (SbLadderView *self,
                       int           height)
{
  double upper = MAX (content_height (self), height);
  double value = gtk_adjustment_get_value (self->vadjustment);

  /* Selected while the view was hidden (in the List): shown once it is back. */
  if (self->reveal_selected && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      double top = (double) self->selected * self->row_height;
      double rows_height = height - self->header_height;

      /* A row not built yet is revealed once it is. */
      if (self->selected == GTK_INVALID_LIST_POSITION || self->ladder == NULL
          || self->selected < sb_ladder_get_n_rows (self->ladder))
        self->reveal_selected = FALSE;
      if (!self->reveal_selected && self->selected != GTK_INVALID_LIST_POSITION
          && self->ladder != NULL && self->selected < sb_ladder_get_n_rows (self->ladder)
          && (top < value || top + self->row_height > value + rows_height))
        {
          value = top - rows_height / 3;
          self->following = FALSE;
        }
    }

  if (self->following)
    value = upper - height;
  value = CLAMP (value, 0, upper - height);

  self->configuring = TRUE;
  gtk_adjustment_configure (self->vadjustment, value, 0, upper, self->row_height,
                            MAX (height - self->header_height - self->row_height,
                                 self->row_height),
                            height);
  self->configuring = FALSE;
  self->last_value = value;
}

static void
configure_hadjustment (SbLadderView *self,
                       int           width)
{
  guint n_columns = MAX (_sb_ladder_view_n_columns (self), 1);
  int content;

  self->column_width = MAX (SB_LADDER_MIN_COLUMN_CHARS * self->char_width,
                            width / (int) n_columns);
  content = self->column_width * n_columns;

  self->configuring = TRUE;
  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                   MAX (0, content - width)),
                            0, MAX (content, width), self->char_width * 4, width * 0.9, width);
  self->configuring = FALSE;
}

/* Scrolling and following */

static void
adjustment_value_changed_cb (GtkAdjustment *adj,
                             SbLadderView  *self)
{
  if (self->configuring)
    return;

  if (adj == self->vadjustment)
    {
      double value = gtk_adjustment_get_value (adj);

      /* Following stops when the user moves up, and starts at the bottom. */
      if (is_at_bottom (adj))
        self->following = TRUE;
      else if (value < self->last_value)
        self->following = FALSE;
      self->last_value = value;
    }

  _sb_ladder_view_queue_sync (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (SbLadderView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adj)
{
  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot == adj)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }

  *slot = g_object_ref_sink (adj);
  g_signal_connect (adj, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
scroll_to_row (SbLadderView *self,
               guint         row)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double top = (double) row * self->row_height;
  double value = gtk_adjustment_get_value (self->vadjustment);
  double rows_height = height - self->header_height;

  if (height <= 0 || (top >= value && top + self->row_height <= value + rows_height))
    return;

  self->following = FALSE;
  gtk_adjustment_set_value (self->vadjustment, MAX (0, top - rows_height / 3));
}

static void
ladder_changed_cb (SbLadderView *self,
                   SbLadder     *ladder)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (sb_ladder_get_n_rows (ladder) == 0)
    {
      self->following = TRUE;
      _sb_ladder_view_release_buttons (self);
    }

  /* Hidden behind the List: nothing to lay out until it shows again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }

  _sb_ladder_view_update_metrics (self);
  if (height > 0)
    {
      configure_vadjustment (self, height);
      configure_hadjustment (self, gtk_widget_get_width (GTK_WIDGET (self)));
    }
  _sb_ladder_view_sync_buttons (self);
  /* Following, the rows moved up: the buttons with them. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
capture_changed_cb (SbLadderView *self,
                    guint         position,
                    guint         removed,
                    guint         added,
                    GListModel   *model)
{
  _sb_ladder_view_catch_up (self);
}

/* Input */

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SbLadderView    *self)
{
  guint row = _sb_ladder_view_row_at (self, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row != SB_LADDER_NONE)
    sb_ladder_view_set_selected_index (self, row);
}

static gboolean
move_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);
  guint n = self->ladder != NULL ? sb_ladder_get_n_rows (self->ladder) : 0;
  int delta;
  gint64 target;
  guint first = 0, last = 0;

  if (n == 0)
    return FALSE;

  g_variant_get (args, "i", &delta);
  if (delta == G_MININT || delta == G_MAXINT)
    target = delta < 0 ? 0 : n - 1;
  else if (self->selected == GTK_INVALID_LIST_POSITION)
    target = _sb_ladder_view_visible_rows (self, &first, &last) ? (delta > 0 ? first : last)
                                                                : n - 1;
  else
    target = (gint64) self->selected + delta;

  sb_ladder_view_set_selected_index (self, (guint) CLAMP (target, 0, (gint64) n - 1));
  scroll_to_row (self, self->selected);

  return TRUE;
}

/* GtkWidget */

static void
sb_ladder_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  _sb_ladder_view_update_metrics (self);
  *minimum = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (_sb_ladder_view_n_columns (self), 2)
               * SB_LADDER_MIN_COLUMN_CHARS * self->char_width;
  else
    *natural = (int) MIN (content_height (self), 4096);
}

static void
sb_ladder_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  if (_sb_ladder_view_update_metrics (self))
    _sb_ladder_view_queue_sync (self);

  configure_hadjustment (self, width);
  configure_vadjustment (self, height);

  _sb_ladder_view_place_buttons (self, width);

  /* The rows in view changed with the size: the buttons follow. */
  _sb_ladder_view_queue_sync (self);
}

static GtkSizeRequestMode
sb_ladder_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
sb_ladder_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_ladder_view_parent_class)->map (widget);

  _sb_ladder_view_catch_up (SB_LADDER_VIEW (widget));
}

static void
sb_ladder_view_unmap (GtkWidget *widget)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  _sb_ladder_view_stop_catching_up (self);
  /* A diagram too big to keep while hidden is built again when shown. */
  if (self->ladder != NULL && sb_ladder_get_n_rows (self->ladder) > self->keep_rows)
    {
      sb_ladder_drop_rows (self->ladder);
      self->reveal_selected = self->selected != GTK_INVALID_LIST_POSITION;
    }

  GTK_WIDGET_CLASS (sb_ladder_view_parent_class)->unmap (widget);
}

static void
sb_ladder_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  SbLadderView *self = SB_LADDER_VIEW (widget);

  GTK_WIDGET_CLASS (sb_ladder_view_parent_class)->css_changed (widget, change);

  if (_sb_ladder_view_update_metrics (self))
    gtk_widget_queue_resize (widget);
}

/* Public API */

GtkWidget *
sb_ladder_view_new (void)
{
  return g_object_new (SB_TYPE_LADDER_VIEW, NULL);
}

GtkWidget *
sb_ladder_view_new_scrolled (SbLadderView **view)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *ladder = sb_ladder_view_new ();

  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), ladder);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);

  gtk_overlay_add_overlay (GTK_OVERLAY (overlay),
                           _sb_ladder_view_new_progress (SB_LADDER_VIEW (ladder)));

  if (view != NULL)
    *view = SB_LADDER_VIEW (ladder);

  return overlay;
}

SbCapture *
sb_ladder_view_get_capture (SbLadderView *self)
{
  g_return_val_if_fail (SB_IS_LADDER_VIEW (self), NULL);

  return self->capture;
}

void
sb_ladder_view_set_capture (SbLadderView *self,
                            SbCapture    *capture)
{
  g_return_if_fail (SB_IS_LADDER_VIEW (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;

  _sb_ladder_view_release_buttons (self);
  _sb_ladder_view_stop_catching_up (self);
  if (self->ladder != NULL)
    g_signal_handlers_disconnect_by_func (self->ladder, ladder_changed_cb, self);
  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  g_clear_object (&self->ladder);
  g_set_object (&self->capture, capture);

  /* The ladder's handler of the capture runs first: a clear is known. */
  if (capture != NULL)
    {
      self->ladder = sb_ladder_new_lazy (capture);
      g_signal_connect_object (self->ladder, "changed", G_CALLBACK (ladder_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (capture, "items-changed", G_CALLBACK (capture_changed_cb), self,
                               G_CONNECT_SWAPPED);
      _sb_ladder_view_catch_up (self);
    }

  self->following = TRUE;
  self->selected = GTK_INVALID_LIST_POSITION;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  _sb_ladder_view_queue_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

guint
sb_ladder_view_get_keep_rows (SbLadderView *self)
{
  g_return_val_if_fail (SB_IS_LADDER_VIEW (self), 0);

  return self->keep_rows;
}

void
sb_ladder_view_set_keep_rows (SbLadderView *self,
                              guint         keep_rows)
{
  g_return_if_fail (SB_IS_LADDER_VIEW (self));

  self->keep_rows = keep_rows;
}

SbLadder *
sb_ladder_view_get_ladder (SbLadderView *self)
{
  g_return_val_if_fail (SB_IS_LADDER_VIEW (self), NULL);

  return self->ladder;
}

guint
sb_ladder_view_get_selected_index (SbLadderView *self)
{
  g_return_val_if_fail (SB_IS_LADDER_VIEW (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

void
sb_ladder_view_set_selected_index (SbLadderView *self,
                                   guint         index)
{
  g_return_if_fail (SB_IS_LADDER_VIEW (self));

  if (self->selected == index)
    return;

  self->selected = index;
  /* Hidden, or its row not built yet: shown once it is there. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reveal_selected = TRUE;
  else if (index != GTK_INVALID_LIST_POSITION && self->ladder != NULL
           && index < sb_ladder_get_n_rows (self->ladder))
    scroll_to_row (self, index);
  else if (index != GTK_INVALID_LIST_POSITION)
    self->reveal_selected = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

/* GObject */

static void
sb_ladder_view_dispose (GObject *object)
{
  SbLadderView *self = SB_LADDER_VIEW (object);
  GtkWidget *child;

  if (self->sync_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick);
  self->sync_tick = 0;
  if (self->catch_up_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->catch_up_tick);
  self->catch_up_tick = 0;
  g_clear_weak_pointer (&self->progress);
  g_clear_weak_pointer (&self->progress_label);
  g_hash_table_remove_all (self->buttons);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->spare_buttons, 0);

  if (self->ladder != NULL)
    g_signal_handlers_disconnect_by_func (self->ladder, ladder_changed_cb, self);
  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_func (self->capture, capture_changed_cb, self);
  g_clear_object (&self->ladder);
  g_clear_object (&self->capture);

  for (GtkAdjustment **slot = &self->hadjustment; slot != NULL;
       slot = slot == &self->hadjustment ? &self->vadjustment : NULL)
    if (*slot != NULL)
      {
        g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
        g_clear_object (slot);
      }

  G_OBJECT_CLASS (sb_ladder_view_parent_class)->dispose (object);
}

static void
sb_ladder_view_finalize (GObject *object)
{
  SbLadderView *self = SB_LADDER_VIEW (object);

  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_clear_pointer (&self->spare_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->scratch, g_array_unref);

  G_OBJECT_CLASS (sb_ladder_view_parent_class)->finalize (object);
}

static void
sb_ladder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbLadderView *self = SB_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, self->selected);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_ladder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbLadderView *self = SB_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      sb_ladder_view_set_capture (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_INDEX:
      sb_ladder_view_set_selected_index (self, g_value_get_uint (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           keypad_keyval,
                  int             delta)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_selection, "i", delta);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, move_selection, "i", delta);
}

static void
sb_ladder_view_class_init (SbLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_ladder_view_dispose;
  object_class->finalize = sb_ladder_view_finalize;
  object_class->get_property = sb_ladder_view_get_property;
  object_class->set_property = sb_ladder_view_set_property;
  widget_class->measure = sb_ladder_view_measure;
  widget_class->size_allocate = sb_ladder_view_size_allocate;
  widget_class->snapshot = _sb_ladder_view_snapshot;
  widget_class->get_request_mode = sb_ladder_view_get_request_mode;
  widget_class->css_changed = sb_ladder_view_css_changed;
  widget_class->map = sb_ladder_view_map;
  widget_class->unmap = sb_ladder_view_unmap;

  /**
   * SbLadderView:capture:
   *
   * The capture whose events the diagram draws.
   */
  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbLadderView:selected-index:
   *
   * The capture index of the selected event, or %GTK_INVALID_LIST_POSITION.
   */
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL,
                       0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 1);
  add_move_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, -10);
  add_move_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, 10);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, G_MININT);
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, G_MAXINT);

  gtk_widget_class_set_css_name (widget_class, "ladderview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_ladder_view_init (SbLadderView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->buttons = g_hash_table_new (NULL, NULL);
  self->spare_buttons = g_ptr_array_new_with_free_func (g_object_unref);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selected = GTK_INVALID_LIST_POSITION;
  self->following = TRUE;
  self->keep_rows = SB_LADDER_VIEW_KEEP_ROWS;
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ladder diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The log as a sequence diagram: a line per socket, an arrow "
                                    "per message; Up and Down move the selection"),
                                  -1);
}
