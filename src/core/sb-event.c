/* sb-event.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-event"

#include "config.h"

#include "sb-capture.h"
#include "sb-enum-types.h"
#include "sb-event.h"

struct _SbEvent
{
  GObject    parent_instance;

  SbCapture *capture;
  guint      index;
};

enum
{
  PROP_0,
  PROP_CAPTURE,
  PROP_INDEX,
  PROP_KIND,
  PROP_SIDE,
  PROP_SOCKET_ID,
  PROP_DETAIL,
  PROP_RESULT,
  PROP_ERRNUM,
  PROP_REQUESTED,
  PROP_PAYLOAD_LENGTH,
  PROP_NOTE,
  PROP_TIME_US,
  PROP_WALL_US,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbEvent, sb_event, G_TYPE_OBJECT)

/* The record as the capture holds it; all zero when the index is gone
 * (after sb_capture_clear()). */
static SbEventInfo
get_info (SbEvent *self)
{
  SbEventInfo info = { 0, };

  sb_capture_get_info (self->capture, self->index, &info);

  return info;
}

SbEvent *
sb_event_new (SbCapture *capture,
              guint      index)
{
  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  return g_object_new (SB_TYPE_EVENT,
                       "capture", capture,
                       "index", index,
                       NULL);
}

SbCapture *
sb_event_get_capture (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  return self->capture;
}

guint
sb_event_get_index (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return self->index;
}

SbEventKind
sb_event_get_kind (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).kind;
}

SbSide
sb_event_get_side (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).side;
}

guint
sb_event_get_socket_id (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).socket_id;
}

int
sb_event_get_detail (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).detail;
}

gint64
sb_event_get_result (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).result;
}

int
sb_event_get_errnum (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).errnum;
}

gsize
sb_event_get_requested (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).requested;
}

gsize
sb_event_get_payload_length (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).payload_len;
}

const char *
sb_event_get_note (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  return get_info (self).note;
}

gint64
sb_event_get_time_us (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).mono_us;
}

gint64
sb_event_get_wall_us (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), 0);

  return get_info (self).wall_us;
}

GBytes *
sb_event_dup_payload (SbEvent *self)
{
  g_return_val_if_fail (SB_IS_EVENT (self), NULL);

  if (self->index >= sb_capture_get_n_recorded (self->capture))
    return g_bytes_new (NULL, 0);

  return sb_capture_dup_payload (self->capture, self->index);
}

static void
sb_event_dispose (GObject *object)
{
  SbEvent *self = SB_EVENT (object);

  g_clear_object (&self->capture);

  G_OBJECT_CLASS (sb_event_parent_class)->dispose (object);
}

static void
sb_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbEvent *self = SB_EVENT (object);
  SbEventInfo info = get_info (self);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_KIND:
      g_value_set_enum (value, info.kind);
      break;

    case PROP_SIDE:
      g_value_set_enum (value, info.side);
      break;

    case PROP_SOCKET_ID:
      g_value_set_uint (value, info.socket_id);
      break;

    case PROP_DETAIL:
      g_value_set_int (value, info.detail);
      break;

    case PROP_RESULT:
      g_value_set_int64 (value, info.result);
      break;

    case PROP_ERRNUM:
      g_value_set_int (value, info.errnum);
      break;

    case PROP_REQUESTED:
      g_value_set_uint64 (value, info.requested);
      break;

    case PROP_PAYLOAD_LENGTH:
      g_value_set_uint64 (value, info.payload_len);
      break;

    case PROP_NOTE:
      g_value_set_string (value, info.note);
      break;

    case PROP_TIME_US:
      g_value_set_int64 (value, info.mono_us);
      break;

    case PROP_WALL_US:
      g_value_set_int64 (value, info.wall_us);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbEvent *self = SB_EVENT (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
sb_event_class_init (SbEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_event_dispose;
  object_class->get_property = sb_event_get_property;
  object_class->set_property = sb_event_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, SB_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SB_TYPE_EVENT_KIND, SB_EVENT_SOCKET, RO);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, SB_TYPE_SIDE, SB_SIDE_CLIENT, RO);
  properties[PROP_SOCKET_ID] =
    g_param_spec_uint ("socket-id", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_DETAIL] =
    g_param_spec_int ("detail", NULL, NULL, 0, G_MAXINT, 0, RO);
  properties[PROP_RESULT] =
    g_param_spec_int64 ("result", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);
  properties[PROP_ERRNUM] =
    g_param_spec_int ("errnum", NULL, NULL, G_MININT, G_MAXINT, 0, RO);
  properties[PROP_REQUESTED] =
    g_param_spec_uint64 ("requested", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_PAYLOAD_LENGTH] =
    g_param_spec_uint64 ("payload-length", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, RO);
  properties[PROP_TIME_US] =
    g_param_spec_int64 ("time-us", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);
  properties[PROP_WALL_US] =
    g_param_spec_int64 ("wall-us", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_event_init (SbEvent *self)
{
}
