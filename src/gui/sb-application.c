/* sb-application.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-endpoint.h"
#include "sb-pane-util.h"
#include "sb-preferences-window.h"
#include "sb-renderer.h"
#include "sb-resources.h"
#include "sb-window.h"

/* What --listen and --connect ask for. */
typedef struct
{
  char    *host;
  guint16  port;
} SbStartEndpoint;

struct _SbApplication
{
  AdwApplication   parent_instance;

  GSettings       *settings;
  SbStartEndpoint  listen;
  SbStartEndpoint  connect;
  gboolean         udp;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

enum {
  PREFERENCE_SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GOptionEntry option_entries[] = {
  { "listen", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Listen on PORT, or on ADDRESS:PORT (127.0.0.1 unless given), as soon as the window "
       "is shown"),
    N_("[ADDRESS:]PORT") },
  { "connect", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Connect to HOST:PORT as soon as the window is shown (after --listen)"),
    N_("HOST:PORT") },
  { "udp", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Choose UDP in both panes: --listen binds a UDP socket, --connect connects one"),
    NULL },
  { NULL }
};

SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/sockbench/Sockbench",
                       NULL);
}

GSettings *
sb_application_get_settings (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
sb_application_preference_set (SbApplication *self,
                               const char    *key)
{
  g_return_if_fail (SB_IS_APPLICATION (self));
  g_return_if_fail (key != NULL);

  g_signal_emit (self, signals[PREFERENCE_SET], g_quark_from_string (key), key);
}

static gboolean
parse_endpoint_option (GVariantDict    *options,
                       const char      *name,
                       const char      *default_host,
                       SbStartEndpoint *endpoint)
{
  g_autoptr(GError) error = NULL;
  const char *text = NULL;
  gsize offset = 0;

  if (!g_variant_dict_lookup (options, name, "&s", &text))
    return TRUE;

  g_clear_pointer (&endpoint->host, g_free);
  if (!sb_endpoint_parse (text, default_host, &endpoint->host, &endpoint->port,
                          &offset, &error))
    {
      /* Translators: the option, what was given, and what is wrong with it */
      g_printerr (_("sockbench: --%s “%s”: %s\n"), name, text, error->message);
      return FALSE;
    }

  return TRUE;
}

static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SbApplication *self = SB_APPLICATION (app);

  if (!parse_endpoint_option (options, "listen", "127.0.0.1", &self->listen)
      || !parse_endpoint_option (options, "connect", "localhost", &self->connect))
    return 2;
  self->udp = g_variant_dict_contains (options, "udp");

  return G_APPLICATION_CLASS (sb_application_parent_class)->handle_local_options (app, options);
}

static void
sb_application_activate (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean new_window = window == NULL;

  if (new_window)
    window = GTK_WINDOW (sb_window_new (self));

  gtk_window_present (window);

  if (!new_window)
    return;

  if (self->udp)
    sb_window_set_udp (SB_WINDOW (window), TRUE);

  /* Listen first, so that --connect can reach our own server. */
  if (self->listen.host != NULL)
    sb_window_listen_on (SB_WINDOW (window), self->listen.host, self->listen.port);
  if (self->connect.host != NULL)
    sb_window_connect_to (SB_WINDOW (window), self->connect.host, self->connect.port);
}

/* `sockbench FILE`, or a session file opened from the desktop: the
 * window as at activation, showing the session (the first file). */
static void
sb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window;
  g_autofree char *uri = NULL;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL || n_files < 1)
    return;

  uri = g_file_get_uri (files[0]);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-session-from", "s", uri);
}

static void
sb_application_finalize (GObject *object)
{
  SbApplication *self = SB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->listen.host);
  g_free (self->connect.host);

  G_OBJECT_CLASS (sb_application_parent_class)->finalize (object);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing the windows lets them save their size; the application quits
   * with the last one. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Sockbench developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Sockbench"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Sockbench developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("A workbench for TCP and UDP sockets: every socket call, "
                                      "with its exact bytes, in one timeline."),
                        "copyright", "© 2026 The Sockbench developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SbApplication *self = SB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (self->settings == NULL)
    return;

  preferences = sb_preferences_window_new (parent, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWindow *parent = GTK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  body = g_strdup_printf (_("Showing the guide needs GNOME’s help viewer, Yelp "
                            "(Debian package “yelp”): %s"), error->message);
  sb_show_message_dialog (parent, _("The User Guide Cannot Be Shown"), body);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SbApplication *self = SB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri_full (parent, "help:" GETTEXT_PACKAGE, GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static const GActionEntry app_actions[] = {
  { "help", help_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "about", about_action },
};

/* Every accelerator, in one place.  The shortcuts window lists them all. */
static const struct
{
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "window.close", { "<Primary>w", NULL } },
  { "win.zoom-in", { "<Primary>plus", "<Primary>equal", "<Primary>KP_Add", NULL } },
  { "win.zoom-out", { "<Primary>minus", "<Primary>KP_Subtract", NULL } },
  { "win.zoom-reset", { "<Primary>0", "<Primary>KP_0", NULL } },
  { "win.fullscreen", { "F11", NULL } },
  { "win.presentation", { "F5", NULL } },
  { "win.clear-log", { "<Primary><Shift>k", NULL } },
  { "win.log-view::list", { "<Alt>1", NULL } },
  { "win.log-view::ladder", { "<Alt>2", NULL } },
  { "win.log-view::python", { "<Alt>3", NULL } },
  { "win.save-session", { "<Primary>s", NULL } },
  { "win.open-session", { "<Primary>o", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.search-next", { "F3", NULL } },
  { "win.search-previous", { "<Shift>F3", NULL } },
};

static void
sb_application_startup (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);

  sb_renderer_choose (gdk_display_get_default ());

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      sb_preferences_follow_color_scheme (self->settings);
    }
  else
    g_debug ("Schema %s not installed; settings are not remembered", APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sb_application_finalize;
  app_class->activate = sb_application_activate;
  app_class->open = sb_application_open;
  app_class->startup = sb_application_startup;
  app_class->handle_local_options = sb_application_handle_local_options;

  /**
   * SbApplication::preference-set:
   * @key: the settings key Preferences changed
   *
   * Emitted, detailed by @key, when Preferences has changed a setting.
   */
  signals[PREFERENCE_SET] = g_signal_new ("preference-set", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* The resources live in a static library: referring to them links them
   * in, and they register themselves when the program loads. */
  (void) sb_get_resource ();
}

static void
sb_application_init (SbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A workbench for TCP and UDP sockets."));
  /* TRANSLATORS: the argument in `sockbench --help` */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[SESSION-FILE]"));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}
