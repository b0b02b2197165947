/* sb-capture-full.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-capture-full"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-capture-full.h"
#include "sb-pane-util.h"

struct _SbCaptureFull
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkLabel  *message_label;
  GtkWidget *keep_counts_button;

  /* owned references */
  SbCapture *capture;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (SbCaptureFull, sb_capture_full, GTK_TYPE_WIDGET)

static void
update (SbCaptureFull *self)
{
  g_autofree char *message = NULL;
  gboolean stopped;

  if (self->capture != NULL)
    message = sb_capture_dup_full_message (self->capture);
  /* Keeping counts only makes room only when the action stopped reading:
   * stopped while keeping counts, not even the event records fit (the
   * message says so), and Clear Log or Raise Disk Limit is the way on. */
  stopped = self->capture != NULL && sb_capture_is_full (self->capture)
            && sb_capture_get_full_action (self->capture) == SB_CAPTURE_FULL_STOP;

  gtk_widget_set_visible (GTK_WIDGET (self), message != NULL);
  if (message != NULL)
    sb_label_set_value (self->message_label, message, _("Capture full"));
  gtk_widget_set_visible (self->keep_counts_button, stopped);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "capture-full.keep-counts-only", stopped);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "capture-full.raise-disk-limit",
                                 message != NULL);
}

static void
capture_state_cb (SbCaptureFull *self)
{
  update (self);
}

static void
apply_disk_budget (SbCaptureFull *self)
{
  if (self->capture != NULL && self->settings != NULL)
    sb_capture_set_disk_budget (self->capture,
                                g_settings_get_uint64 (self->settings, "disk-budget"));
}

static void
apply_full_action (SbCaptureFull *self)
{
  g_autofree char *action = NULL;

  if (self->capture == NULL || self->settings == NULL)
    return;

  action = g_settings_get_string (self->settings, "capture-full-action");
  sb_capture_set_full_action (self->capture, g_str_equal (action, "count")
                                             ? SB_CAPTURE_FULL_COUNT : SB_CAPTURE_FULL_STOP);
}

/* Twice the limit in effect: through the setting when there is one, so
 * that it stays. */
static void
raise_disk_limit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbCaptureFull *self = SB_CAPTURE_FULL (widget);
  guint64 limit;

  if (self->capture == NULL)
    return;

  limit = sb_capture_get_disk_limit (self->capture);
  limit = limit <= G_MAXUINT64 / 2 ? 2 * limit : G_MAXUINT64;
  if (self->settings != NULL)
    g_settings_set_uint64 (self->settings, "disk-budget", limit);
  else
    sb_capture_set_disk_budget (self->capture, limit);
}

/* For this capture: the setting stays what new sessions start with. */
static void
keep_counts_only_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbCaptureFull *self = SB_CAPTURE_FULL (widget);

  if (self->capture != NULL)
    sb_capture_set_full_action (self->capture, SB_CAPTURE_FULL_COUNT);
}

void
sb_capture_full_set_capture (SbCaptureFull *self,
                             SbCapture     *capture)
{
  g_return_if_fail (SB_IS_CAPTURE_FULL (self));
  g_return_if_fail (capture == NULL || SB_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_set_object (&self->capture, capture);
  if (capture != NULL)
    {
      g_signal_connect_swapped (capture, "notify::full", G_CALLBACK (capture_state_cb), self);
      g_signal_connect_swapped (capture, "notify::keeping-counts",
                                G_CALLBACK (capture_state_cb), self);
    }
  apply_disk_budget (self);
  apply_full_action (self);
  update (self);
}

void
sb_capture_full_bind_settings (SbCaptureFull *self,
                               GSettings     *settings)
{
  g_return_if_fail (SB_IS_CAPTURE_FULL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "changed::disk-budget",
                            G_CALLBACK (apply_disk_budget), self);
  g_signal_connect_swapped (settings, "changed::capture-full-action",
                            G_CALLBACK (apply_full_action), self);
  apply_disk_budget (self);
  apply_full_action (self);
}

GtkWidget *
sb_capture_full_new (void)
{
  return g_object_new (SB_TYPE_CAPTURE_FULL, NULL);
}

static void
sb_capture_full_dispose (GObject *object)
{
  SbCaptureFull *self = SB_CAPTURE_FULL (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->capture);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CAPTURE_FULL);
  sb_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (sb_capture_full_parent_class)->dispose (object);
}

static void
sb_capture_full_class_init (SbCaptureFullClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_capture_full_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-capture-full.ui");
  gtk_widget_class_bind_template_child (widget_class, SbCaptureFull, message_label);
  gtk_widget_class_bind_template_child (widget_class, SbCaptureFull, keep_counts_button);

  gtk_widget_class_install_action (widget_class, "capture-full.raise-disk-limit", NULL,
                                   raise_disk_limit_action);
  gtk_widget_class_install_action (widget_class, "capture-full.keep-counts-only", NULL,
                                   keep_counts_only_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "capturefull");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_capture_full_init (SbCaptureFull *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
