/* sb-datagram-peer.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-datagram"

#include "config.h"

#include "sb-datagram-peer.h"

struct _SbDatagramPeer
{
  GObject  parent_instance;

  char    *tuple;
  char    *host;
  guint16  port;
  guint64  datagrams;
  guint64  bytes;
};

enum
{
  PROP_0,
  PROP_TUPLE,
  PROP_HOST,
  PROP_PORT,
  PROP_DATAGRAMS,
  PROP_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbDatagramPeer, sb_datagram_peer, G_TYPE_OBJECT)

static void
sb_datagram_peer_finalize (GObject *object)
{
  SbDatagramPeer *self = SB_DATAGRAM_PEER (object);

  g_free (self->tuple);
  g_free (self->host);

  G_OBJECT_CLASS (sb_datagram_peer_parent_class)->finalize (object);
}

static void
sb_datagram_peer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbDatagramPeer *self = SB_DATAGRAM_PEER (object);

  switch (prop_id)
    {
    case PROP_TUPLE:
      g_value_set_string (value, self->tuple);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_DATAGRAMS:
      g_value_set_uint64 (value, self->datagrams);
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, self->bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_datagram_peer_class_init (SbDatagramPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sb_datagram_peer_finalize;
  object_class->get_property = sb_datagram_peer_get_property;

  properties[PROP_TUPLE] = g_param_spec_string ("tuple", NULL, NULL, NULL, ro);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, ro);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_DATAGRAMS] =
    g_param_spec_uint64 ("datagrams", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_BYTES] = g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_datagram_peer_init (SbDatagramPeer *self)
{
}

SbDatagramPeer *
sb_datagram_peer_new (const char *tuple,
                      const char *host,
                      guint16     port)
{
  SbDatagramPeer *self;

  g_return_val_if_fail (tuple != NULL, NULL);

  self = g_object_new (SB_TYPE_DATAGRAM_PEER, NULL);
  self->tuple = g_strdup (tuple);
  self->host = g_strdup (host);
  self->port = port;

  return self;
}

const char *
sb_datagram_peer_get_tuple (SbDatagramPeer *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM_PEER (self), NULL);

  return self->tuple;
}

const char *
sb_datagram_peer_get_host (SbDatagramPeer *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM_PEER (self), NULL);

  return self->host;
}

guint16
sb_datagram_peer_get_port (SbDatagramPeer *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM_PEER (self), 0);

  return self->port;
}

guint64
sb_datagram_peer_get_datagrams (SbDatagramPeer *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM_PEER (self), 0);

  return self->datagrams;
}

guint64
sb_datagram_peer_get_bytes (SbDatagramPeer *self)
{
  g_return_val_if_fail (SB_IS_DATAGRAM_PEER (self), 0);

  return self->bytes;
}

void
sb_datagram_peer_add (SbDatagramPeer *self,
                      gsize           length)
{
  g_return_if_fail (SB_IS_DATAGRAM_PEER (self));

  self->datagrams++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATAGRAMS]);

  if (length > 0)
    {
      self->bytes += length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES]);
    }
}
