/* sb-preferences-window.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-capture.h"
#include "sb-preferences-window.h"
#include "sb-zoom.h"

#define MIB ((guint64) 1024 * 1024)

struct _SbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSpinButton        *backlog_spin;
  GtkSwitch            *auto_accept_switch;
  GtkSwitch            *close_after_switch;
  GtkSpinButton        *receive_size_spin;
  GtkSwitch            *auto_receive_switch;
  GtkSwitch            *server_steps_switch;
  GtkSwitch            *client_steps_switch;
  GtkSpinButton        *memory_spin;
  GtkSwitch            *disk_auto_switch;
  AdwActionRow         *disk_row;
  GtkSpinButton        *disk_spin;
  AdwComboRow          *full_action_row;
  AdwComboRow          *color_scheme_row;
  GtkSpinButton        *zoom_spin;
  GtkSwitch            *presentation_switch;
  AdwComboRow          *log_view_row;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of a string key with choices, in the order of its combo
 * row's items. */
static const char *const full_actions[] = { "stop", "count", NULL };
static const char *const color_schemes[] = { "default", "light", "dark", NULL };
static const char *const log_views[] = { "list", "ladder", "python", NULL };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (choices[i], choice))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char *const *choices = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[selected]);
}

static void
bind_choice (GSettings         *settings,
             const char        *key,
             AdwComboRow       *row,
             const char *const *choices)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) choices, NULL);
}

/* Byte keys shown in MiB.  A disk budget of 0 is automatic: the spin
 * button then keeps the value it has (@user_data), and the switch says so. */
static gboolean
mib_get_mapping (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  guint64 bytes = g_variant_get_uint64 (variant);

  if (bytes == 0 && user_data != NULL)
    g_value_set_double (value, gtk_spin_button_get_value (GTK_SPIN_BUTTON (user_data)));
  else
    g_value_set_double (value, (double) MAX (bytes / MIB, 1));

  return TRUE;
}

static GVariant *
mib_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_uint64 ((guint64) g_value_get_double (value) * MIB);
}

static gboolean
disk_auto_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_boolean (value, g_variant_get_uint64 (variant) == 0);

  return TRUE;
}

static GVariant *
disk_auto_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  SbPreferencesWindow *self = user_data;

  if (g_value_get_boolean (value))
    return g_variant_new_uint64 (0);

  return g_variant_new_uint64 ((guint64) gtk_spin_button_get_value (self->disk_spin) * MIB);
}

/* The receive size and Auto-receive: each pane starts from the setting
 * and then keeps its own value, so a change here is announced to them
 * (SbApplication::preference-set).  Shown as they were when the window
 * opened: what a pane changes meanwhile is not a preference. */
static void
announce_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  GApplication *app = g_application_get_default ();

  if (SB_IS_APPLICATION (app))
    sb_application_preference_set (SB_APPLICATION (app), user_data);
}

static void
bind_pane_default (GSettings  *settings,
                   const char *key,
                   gpointer    object,
                   const char *property)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_settings_bind (settings, key, object, property,
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect (object, signal, G_CALLBACK (announce_cb), (gpointer) key);
}

static void
bind_disk_budget (SbPreferencesWindow *self)
{
  g_autofree char *dir = sb_capture_dup_spill_dir ();

  /* Automatic or not, the limit that automatic means here and now is
   * where the spin button starts. */
  gtk_spin_button_set_value (self->disk_spin,
                             (double) MAX (sb_capture_get_auto_disk_limit (dir) / MIB, 1));
  g_settings_bind_with_mapping (self->settings, "disk-budget", self->disk_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, mib_get_mapping, mib_set_mapping,
                                self->disk_spin, NULL);
  g_settings_bind_with_mapping (self->settings, "disk-budget", self->disk_auto_switch, "active",
                                G_SETTINGS_BIND_DEFAULT, disk_auto_get_mapping,
                                disk_auto_set_mapping, self, NULL);
  g_object_bind_property (self->disk_auto_switch, "active", self->disk_row, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_preferences_window_parent_class)->dispose (object);
}

static void
sb_preferences_window_class_init (SbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, backlog_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, auto_accept_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, close_after_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, receive_size_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, auto_receive_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, server_steps_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, client_steps_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, memory_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, disk_auto_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, disk_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, disk_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, full_action_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, presentation_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, log_view_row);
}

static void
sb_preferences_window_init (SbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Zoomed text needs a larger window, or the rows' values ellipsize; but
 * no larger than the main window, which fits the screen. */
static void
scale_default_size (SbPreferencesWindow *self,
                    GtkWindow           *parent,
                    int                  zoom)
{
  int width = 0;
  int height = 0;

  if (zoom <= 100)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  width = width * zoom / 100;
  height = height * zoom / 100;
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      width = MIN (width, gtk_widget_get_width (GTK_WIDGET (parent)));
      height = MIN (height, gtk_widget_get_height (GTK_WIDGET (parent)));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

GtkWidget *
sb_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  SbPreferencesWindow *self;
  static const struct
  {
    const char *key;
    gsize       offset;
    const char *property;
  } plain[] = {
    { "backlog", G_STRUCT_OFFSET (SbPreferencesWindow, backlog_spin), "value" },
    { "auto-accept", G_STRUCT_OFFSET (SbPreferencesWindow, auto_accept_switch), "active" },
    { "close-after-empty-read", G_STRUCT_OFFSET (SbPreferencesWindow, close_after_switch),
      "active" },
    { "server-step-by-step", G_STRUCT_OFFSET (SbPreferencesWindow, server_steps_switch),
      "active" },
    { "client-step-by-step", G_STRUCT_OFFSET (SbPreferencesWindow, client_steps_switch),
      "active" },
    { "zoom", G_STRUCT_OFFSET (SbPreferencesWindow, zoom_spin), "value" },
    { "presentation", G_STRUCT_OFFSET (SbPreferencesWindow, presentation_switch), "active" },
  };

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SB_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  /* Read at the size the user chose for the main window. */
  sb_zoom_follow (GTK_WIDGET (self), settings);
  scale_default_size (self, parent, g_settings_get_int (settings, "zoom"));

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    g_settings_bind (settings, plain[i].key, G_STRUCT_MEMBER (GObject *, self, plain[i].offset),
                     plain[i].property, G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "memory-budget", self->memory_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, mib_get_mapping, mib_set_mapping,
                                NULL, NULL);
  bind_pane_default (settings, "receive-size", self->receive_size_spin, "value");
  bind_pane_default (settings, "auto-receive", self->auto_receive_switch, "active");
  bind_disk_budget (self);
  bind_choice (settings, "capture-full-action", self->full_action_row, full_actions);
  bind_choice (settings, "color-scheme", self->color_scheme_row, color_schemes);
  bind_choice (settings, "log-view", self->log_view_row, log_views);

  return GTK_WIDGET (self);
}

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

void
sb_preferences_follow_color_scheme (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::color-scheme", G_CALLBACK (color_scheme_changed_cb),
                    NULL);
  color_scheme_changed_cb (settings, "color-scheme", NULL);
}
