/* sb-bench-flood.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-bench"

#include "config.h"

#include "sb-bench-flood.h"
#include "sb-bench-util.h"
#include "sb-listener.h"
#include "sb-stream.h"

struct _SbBenchFlood
{
  SbListener       *listener;
  SbStream         *stream;
  SbBenchSender    *sender;
  guint64           total;
  gint64            start_us;
  gint64            end_us;
  gulong            accepted_id;
  guint             done_id;
  gboolean          ok;
  SbBenchFloodDone  done;
  gpointer          user_data;
};

static gboolean
done_cb (gpointer data)
{
  SbBenchFlood *flood = data;

  flood->done_id = 0;
  flood->done (flood, flood->end_us - flood->start_us, flood->user_data);

  return G_SOURCE_REMOVE;
}

static void
state_cb (SbStream     *stream,
          GParamSpec   *pspec,
          SbBenchFlood *flood)
{
  SbStreamState state = sb_stream_get_state (stream);

  if (flood->end_us != 0 || state == SB_STREAM_CONNECTED)
    return;

  flood->end_us = g_get_monotonic_time ();
  flood->ok = state == SB_STREAM_PEER_CLOSED
              && sb_stream_get_bytes_received (stream) == flood->total;
  /* Not from inside the stream's own signal. */
  flood->done_id = g_idle_add (done_cb, flood);
}

static void
accepted_cb (SbListener   *listener,
             SbStream     *stream,
             SbBenchFlood *flood)
{
  g_clear_signal_handler (&flood->accepted_id, listener);
  flood->stream = g_object_ref (stream);
  g_signal_connect (stream, "notify::state", G_CALLBACK (state_cb), flood);
  state_cb (stream, NULL, flood);
}

SbBenchFlood *
sb_bench_flood_start (SbListener       *listener,
                      guint64           total,
                      SbBenchFloodDone  done,
                      gpointer          user_data)
{
  SbBenchFlood *flood = g_new0 (SbBenchFlood, 1);

  flood->listener = g_object_ref (listener);
  flood->total = total;
  flood->done = done;
  flood->user_data = user_data;
  flood->accepted_id = g_signal_connect (listener, "accepted", G_CALLBACK (accepted_cb), flood);
  flood->start_us = g_get_monotonic_time ();
  flood->sender = sb_bench_sender_start (sb_listener_get_port (listener), total);

  return flood;
}

SbStream *
sb_bench_flood_get_stream (SbBenchFlood *flood)
{
  return flood->stream;
}

gboolean
sb_bench_flood_get_ok (SbBenchFlood *flood)
{
  return flood->ok;
}

void
sb_bench_flood_free (SbBenchFlood *flood)
{
  g_clear_signal_handler (&flood->accepted_id, flood->listener);
  g_clear_handle_id (&flood->done_id, g_source_remove);
  if (flood->stream != NULL)
    {
      g_signal_handlers_disconnect_by_func (flood->stream, state_cb, flood);
      sb_stream_close (flood->stream);
      g_clear_object (&flood->stream);
    }
  /* The sender ends once its connection is closed, if not before. */
  sb_bench_sender_join (flood->sender);
  g_clear_object (&flood->listener);
  g_free (flood);
}
