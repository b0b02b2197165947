/* sb-workbench.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-workbench"

#include "config.h"

#include "sb-capture.h"
#include "sb-datagram.h"
#include "sb-http.h"
#include "sb-listener.h"
#include "sb-stream.h"
#include "sb-workbench.h"

struct _SbWorkbench
{
  GObject     parent_instance;

  /* owned references */
  SbCapture  *capture;
  SbListener *server;
  SbStream   *client;
  SbHttpFollower *http_follower;   /* made on first use */
  SbDatagram *udp_server;
  SbDatagram *udp_client;
};

enum
{
  PROP_0,
  PROP_CAPTURE,
  PROP_SERVER,
  PROP_CLIENT,
  PROP_UDP_SERVER,
  PROP_UDP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbWorkbench, sb_workbench, G_TYPE_OBJECT)

SbWorkbench *
sb_workbench_new (void)
{
  return g_object_new (SB_TYPE_WORKBENCH, NULL);
}

SbCapture *
sb_workbench_get_capture (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  return self->capture;
}

SbDatagram *
sb_workbench_get_udp_server (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  return self->udp_server;
}

SbDatagram *
sb_workbench_get_udp_client (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  return self->udp_client;
}

SbListener *
sb_workbench_get_server (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  return self->server;
}

SbStream *
sb_workbench_get_client (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  return self->client;
}

SbHttpFollower *
sb_workbench_get_http_follower (SbWorkbench *self)
{
  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  if (self->http_follower == NULL)
    self->http_follower = sb_http_follower_new (self->capture);

  return self->http_follower;
}

SbStream *
sb_workbench_new_client (SbWorkbench *self)
{
  g_autoptr(SbStream) client = NULL;

  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);

  if (self->client != NULL)
    sb_stream_close (self->client);

  client = sb_stream_new (self->capture, SB_SIDE_CLIENT);
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  return self->client;
}

SbStream *
sb_workbench_connect (SbWorkbench *self,
                      const char  *host,
                      guint16      port)
{
  SbStream *client;

  g_return_val_if_fail (SB_IS_WORKBENCH (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  client = sb_workbench_new_client (self);
  sb_stream_connect (client, host, port);

  return client;
}

static void
sb_workbench_dispose (GObject *object)
{
  SbWorkbench *self = SB_WORKBENCH (object);

  if (self->server != NULL)
    sb_listener_stop (self->server);
  if (self->client != NULL)
    sb_stream_close (self->client);

  if (self->udp_server != NULL)
    sb_datagram_close (self->udp_server);
  if (self->udp_client != NULL)
    sb_datagram_close (self->udp_client);

  g_clear_object (&self->client);
  g_clear_object (&self->server);
  g_clear_object (&self->udp_server);
  g_clear_object (&self->udp_client);
  g_clear_object (&self->http_follower);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_workbench_parent_class)->dispose (object);
}

static void
sb_workbench_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbWorkbench *self = SB_WORKBENCH (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_UDP_SERVER:
      g_value_set_object (value, self->udp_server);
      break;

    case PROP_UDP_CLIENT:
      g_value_set_object (value, self->udp_client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_workbench_class_init (SbWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_workbench_dispose;
  object_class->get_property = sb_workbench_get_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, SB_TYPE_LISTENER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SbWorkbench:client:
   *
   * The current client connection, replaced by each sb_workbench_connect().
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SB_TYPE_STREAM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UDP_SERVER] =
    g_param_spec_object ("udp-server", NULL, NULL, SB_TYPE_DATAGRAM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UDP_CLIENT] =
    g_param_spec_object ("udp-client", NULL, NULL, SB_TYPE_DATAGRAM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_workbench_init (SbWorkbench *self)
{
  self->capture = sb_capture_new ();
  self->server = sb_listener_new (self->capture);
  self->udp_server = sb_datagram_new (self->capture, SB_SIDE_SERVER);
  self->udp_client = sb_datagram_new (self->capture, SB_SIDE_CLIENT);
}
