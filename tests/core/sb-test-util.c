/* sb-test-util.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-test-util"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sb-capture.h"
#include "sb-event.h"
#include "sb-payload.h"
#include "sb-socket-util.h"
#include "sb-test-util.h"

#define DESCRIBE_MAX_PAYLOAD 64

struct _SbTestDeadline
{
  guint    source_id;
  gboolean expired;
};

static gboolean
deadline_cb (gpointer user_data)
{
  SbTestDeadline *deadline = user_data;

  deadline->expired = TRUE;
  deadline->source_id = 0;

  return G_SOURCE_REMOVE;
}

SbTestDeadline *
sb_test_deadline_new (guint timeout_ms)
{
  SbTestDeadline *deadline = g_new0 (SbTestDeadline, 1);

  deadline->source_id = g_timeout_add (timeout_ms, deadline_cb, deadline);

  return deadline;
}

gboolean
sb_test_deadline_expired (SbTestDeadline *deadline)
{
  return deadline->expired;
}

void
sb_test_deadline_free (SbTestDeadline *deadline)
{
  g_clear_handle_id (&deadline->source_id, g_source_remove);
  g_free (deadline);
}

/* Peers */

struct _SbTestPeer
{
  GSubprocess      *process;
  GDataInputStream *stdout_lines;
  GCancellable     *cancellable;
  GPtrArray        *lines;
  gboolean          stdout_done;
  gboolean          exited;
};

static void read_next_line (SbTestPeer *peer);

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  SbTestPeer *peer;
  char *line;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  peer = user_data;
  if (line == NULL)
    {
      if (error != NULL)
        g_test_message ("peer stdout: %s", error->message);
      peer->stdout_done = TRUE;
      return;
    }

  g_test_message ("peer: %s", line);
  g_ptr_array_add (peer->lines, line);
  read_next_line (peer);
}

static void
read_next_line (SbTestPeer *peer)
{
  g_data_input_stream_read_line_async (peer->stdout_lines, G_PRIORITY_DEFAULT,
                                       peer->cancellable, line_read_cb, peer);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ((SbTestPeer *) user_data)->exited = TRUE;
}

SbTestPeer *
sb_test_peer_spawnv (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  SbTestPeer *peer = g_new0 (SbTestPeer, 1);
  g_autofree char *command = g_strjoinv (" ", (char **) argv);

  g_test_message ("spawning %s", command);
  peer->process = g_subprocess_newv (argv,
                                     G_SUBPROCESS_FLAGS_STDIN_PIPE
                                     | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                     &error);
  g_assert_no_error (error);

  peer->cancellable = g_cancellable_new ();
  peer->lines = g_ptr_array_new_with_free_func (g_free);
  peer->stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  read_next_line (peer);
  g_subprocess_wait_async (peer->process, peer->cancellable, wait_cb, peer);

  return peer;
}

static gboolean
set_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

void
sb_test_run_for_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

SbTestPeer *
sb_test_peer_spawn (const char *script,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup ("-u"));
  g_ptr_array_add (argv, g_build_filename (SB_TEST_PEERS_DIR, script, NULL));

  va_start (args, script);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return sb_test_peer_spawnv ((const char * const *) argv->pdata);
}

SbTestPeer *
sb_test_conn_burst_spawn (guint16 port,
                          guint   n_connections)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *count = g_strdup_printf ("%u", n_connections);
  SbTestPeer *peer = sb_test_peer_spawn ("conn-burst.py", port_text, count, NULL);

  sb_test_peer_wait_line (peer, "started");

  return peer;
}

static const char *
find_line (SbTestPeer *peer,
           const char *prefix)
{
  for (guint i = 0; i < peer->lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (peer->lines, i), prefix))
      return g_ptr_array_index (peer->lines, i);

  return NULL;
}

const char *
sb_test_peer_wait_line_or_end (SbTestPeer *peer,
                               const char *prefix)
{
  g_autofree char *what = g_strdup_printf ("the peer to print \"%s…\"", prefix);

  sb_test_wait_until (find_line (peer, prefix) != NULL || peer->stdout_done, what);

  return find_line (peer, prefix);
}

const char *
sb_test_peer_wait_line (SbTestPeer *peer,
                        const char *prefix)
{
  const char *line = sb_test_peer_wait_line_or_end (peer, prefix);

  if (line == NULL)
    g_error ("the peer ended without printing \"%s…\"", prefix);

  return line;
}

char *
sb_test_peer_wait_tuple (SbTestPeer *peer,
                         guint16    *port)
{
  const char *line = sb_test_peer_wait_line (peer, "local ");
  const char *tuple = line + strlen ("local ");
  const char *comma = strchr (tuple, ',');

  g_assert_nonnull (comma);
  *port = (guint16) g_ascii_strtoull (comma + 2, NULL, 10);

  return g_strdup (tuple);
}

char *
sb_test_peer_dup_stdout (SbTestPeer *peer)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < peer->lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (peer->lines, i));
    }

  return g_string_free (out, FALSE);
}

char *
sb_test_run_for_stdout (const char * const *argv)
{
  g_autoptr(SbTestPeer) peer = sb_test_peer_spawnv (argv);

  g_assert_cmpint (sb_test_peer_wait_exit (peer), ==, 0);
  return sb_test_peer_dup_stdout (peer);
}

void
sb_test_peer_write (SbTestPeer *peer,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *in = g_subprocess_get_stdin_pipe (peer->process);

  g_output_stream_write_all (in, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (in, NULL, &error);
  g_assert_no_error (error);
}

void
sb_test_peer_writef (SbTestPeer *peer,
                     const char *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  sb_test_peer_write (peer, text);
}

int
sb_test_peer_wait_exit (SbTestPeer *peer)
{
  sb_test_wait_until (peer->exited && peer->stdout_done, "the peer to exit");

  if (g_subprocess_get_if_exited (peer->process))
    return g_subprocess_get_exit_status (peer->process);

  return -1;
}

void
sb_test_peer_wait_exit_blocking (SbTestPeer *peer)
{
  gint64 deadline = g_get_monotonic_time () + SB_TEST_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  /* GSubprocess reaps its child on GLib's worker thread and forgets the
   * pid then; it offers no bounded synchronous wait. */
  while (g_subprocess_get_identifier (peer->process) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
}

gboolean
sb_test_peer_has_exited (SbTestPeer *peer)
{
  return peer->exited;
}

void
sb_test_peer_free (SbTestPeer *peer)
{
  if (!peer->exited)
    g_subprocess_force_exit (peer->process);

  g_cancellable_cancel (peer->cancellable);
  /* Let the cancelled callbacks run before the peer is gone. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_object (&peer->stdout_lines);
  g_clear_object (&peer->process);
  g_clear_object (&peer->cancellable);
  g_ptr_array_unref (peer->lines);
  g_free (peer);
}

/* Describing the capture */

static const char *
phase_name (int phase)
{
  switch ((SbConnectPhase) phase)
    {
    case SB_CONNECT_STARTED:      return "started";
    case SB_CONNECT_ESTABLISHED:  return "established";
    case SB_CONNECT_REFUSED:      return "refused";
    case SB_CONNECT_TIMED_OUT:    return "timed-out";
    case SB_CONNECT_FAILED:       return "failed";
    case SB_CONNECT_NEXT_ADDRESS: return "next-address";
    default:                      return "?";
    }
}

static void
append_errno (GString *out,
              int      errnum)
{
  const char *name = sb_errno_get_name (errnum);

  if (errnum == 0)
    return;

  if (name != NULL)
    g_string_append_printf (out, " %s", name);
  else
    g_string_append_printf (out, " errno%d", errnum);
}

static void
append_payload (GString   *out,
                SbCapture *capture,
                guint      index,
                gsize      len)
{
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *literal = NULL;

  if (len > DESCRIBE_MAX_PAYLOAD)
    {
      g_string_append_printf (out, " <%" G_GSIZE_FORMAT " bytes>", len);
      return;
    }

  payload = sb_capture_dup_payload (capture, index);
  literal = sb_payload_to_python (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  g_string_append_printf (out, " %s", literal);
}

char *
sb_test_describe_event (SbCapture *capture,
                        guint      index)
{
  GString *out = g_string_new (NULL);
  SbEventInfo info;

  g_assert_true (sb_capture_get_info (capture, index, &info));

  g_string_append_printf (out, "%c%u %s", info.side == SB_SIDE_SERVER ? 'S' : 'C',
                          info.socket_id, sb_event_kind_to_string (info.kind));

  switch (info.kind)
    {
    case SB_EVENT_SOCKET:
    case SB_EVENT_BIND:
    case SB_EVENT_ACCEPT:
      g_string_append_printf (out, " %s", info.note);
      break;

    case SB_EVENT_LISTEN:
      g_string_append_printf (out, " %" G_GSIZE_FORMAT, info.requested);
      break;

    case SB_EVENT_RESOLVE:
      g_string_append_printf (out, " %" G_GINT64_FORMAT " %s", info.result, info.note);
      break;

    case SB_EVENT_CONNECT:
      g_string_append_printf (out, " %s", phase_name (info.detail));
      append_errno (out, info.errnum);
      g_string_append_printf (out, " %s", info.note);
      break;

    case SB_EVENT_SEND:
    case SB_EVENT_RECV:
      g_string_append_printf (out, " %" G_GINT64_FORMAT "/%" G_GSIZE_FORMAT,
                              info.result, info.requested);
      append_errno (out, info.errnum);
      append_payload (out, capture, index, info.payload_len);
      break;

    case SB_EVENT_SHUTDOWN:
      g_string_append (out, info.detail == SB_SHUTDOWN_WRITE ? " write"
                            : info.detail == SB_SHUTDOWN_READ ? " read" : " both");
      break;

    case SB_EVENT_CLOSE:
      if (info.detail == SB_CLOSE_ABORT)
        g_string_append (out, " abort");
      if (info.result != 0)
        g_string_append_printf (out, " %" G_GINT64_FORMAT, info.result);
      break;

    case SB_EVENT_SENDTO:
    case SB_EVENT_RECVFROM:
      /* "S1 recvfrom 20/8 ('127.0.0.1', 5000) b'12345678'": for recvfrom
       * the real length over the buffer size; "dropped N" when the kernel
       * reported drops before this datagram; "connected" for a send(). */
      g_string_append_printf (out, " %" G_GINT64_FORMAT "/%" G_GSIZE_FORMAT,
                              info.result, info.requested);
      append_errno (out, info.errnum);
      if (info.note != NULL)
        g_string_append_printf (out, " %s", info.note);
      if (info.errnum == 0 || info.kind == SB_EVENT_SENDTO)
        append_payload (out, capture, index, info.payload_len);
      if (info.kind == SB_EVENT_SENDTO && info.detail == SB_SENDTO_CONNECTED)
        g_string_append (out, " connected");
      if (info.kind == SB_EVENT_RECVFROM && info.detail != 0)
        g_string_append_printf (out, " dropped %d", info.detail);
      break;

    case SB_EVENT_EOF:
    case SB_EVENT_RESET:
    case SB_EVENT_ERROR:
    default:
      append_errno (out, info.errnum);
      break;
    }

  return g_string_free (out, FALSE);
}

char *
sb_test_describe_capture (SbCapture *capture)
{
  GString *out = g_string_new (NULL);
  guint n = sb_capture_get_n_recorded (capture);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = sb_test_describe_event (capture, i);

      g_string_append_printf (out, "%s\n", line);
    }

  return g_string_free (out, FALSE);
}

GBytes *
sb_test_collect_payload (SbCapture   *capture,
                         guint        socket_id,
                         SbEventKind  kind)
{
  GByteArray *all = g_byte_array_new ();
  guint n = sb_capture_get_n_recorded (capture);
  gsize len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) payload = NULL;
      SbEventInfo info;

      sb_capture_get_info (capture, i, &info);
      if (info.kind != kind || info.socket_id != socket_id)
        continue;

      payload = sb_capture_dup_payload (capture, i);
      g_byte_array_append (all, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    }

  /* A hidden NUL after the data, so that it can be searched as a string. */
  len = all->len;
  g_byte_array_append (all, (const guint8 *) "", 1);

  return g_bytes_new_take (g_byte_array_free (all, FALSE), len);
}

guint
sb_test_count_events (SbCapture   *capture,
                      guint        socket_id,
                      SbEventKind  kind)
{
  guint n = sb_capture_get_n_recorded (capture);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      SbEventInfo info;

      sb_capture_get_info (capture, i, &info);
      if (info.kind == kind && (socket_id == 0 || info.socket_id == socket_id))
        count++;
    }

  return count;
}

guint16
sb_test_free_port (const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

void
sb_test_keep_accepted (SbListener  *listener,
                       SbStream    *stream,
                       SbStream   **out)
{
  g_assert_null (*out);
  *out = g_object_ref (stream);
}

gboolean
sb_test_accept_queue_is (SbListener *listener,
                         guint       n)
{
  guint length = G_MAXUINT;

  return sb_listener_read_accept_queue (listener, &length, NULL) && length == n;
}
