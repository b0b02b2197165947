/* sb-bench-accept-floor.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* accept4() */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <gio/gio.h>

#include "sb-bench-accept-floor.h"

/* No accept for this long: the peer's connections were dropped. */
#define ACCEPT_TIMEOUT_S 40

static gboolean
expect_line (GDataInputStream *out,
             const char       *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

  if (line != NULL && g_str_has_prefix (line, prefix))
    return TRUE;

  printf ("# no accept floor: the peer said \"%s\" instead of \"%s\"\n",
          line != NULL ? line : (error != NULL ? error->message : "nothing"), prefix);
  return FALSE;
}

static gboolean
tell (GOutputStream *in,
      const char    *line)
{
  return g_output_stream_write_all (in, line, strlen (line), NULL, NULL, NULL)
         && g_output_stream_flush (in, NULL, NULL);
}

static int
listen_loopback (int       backlog,
                 guint16  *port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  struct timeval timeout = { .tv_sec = ACCEPT_TIMEOUT_S };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0
      || bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0
      || listen (fd, backlog) != 0
      || getsockname (fd, (struct sockaddr *) &addr, &len) != 0
      || setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0)
    {
      printf ("# no accept floor: a listening socket: %s\n", g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return -1;
    }

  *port = ntohs (addr.sin_port);
  return fd;
}

double
sb_bench_accept_floor (const char *peers_path,
                       guint       count,
                       int         backlog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) peers = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  g_autofree int *fds = g_new (int, count);
  GOutputStream *in;
  double seconds = -1;
  guint accepted = 0;
  guint16 port = 0;
  gint64 start;
  int listener = listen_loopback (backlog, &port);

  if (listener < 0)
    return -1;

  port_text = g_strdup_printf ("%u", port);
  peers = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error, peers_path, port_text, count_text, NULL);
  if (peers == NULL)
    {
      printf ("# no accept floor: %s\n", error->message);
      close (listener);
      return -1;
    }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peers));
  in = g_subprocess_get_stdin_pipe (peers);

  if (expect_line (out, "ready") && tell (in, "go\n"))
    {
      start = g_get_monotonic_time ();
      while (accepted < count)
        {
          int fd = accept4 (listener, NULL, NULL, SOCK_CLOEXEC);

          if (fd < 0 && errno == EINTR)
            continue;
          if (fd < 0)
            {
              printf ("# no accept floor: accept() after %u of %u: %s\n", accepted, count,
                      g_strerror (errno));
              break;
            }
          fds[accepted++] = fd;
        }
      if (accepted == count)
        seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      if (accepted == count && expect_line (out, "connected") && tell (in, "close\n"))
        expect_line (out, "closed");
    }

  for (guint i = 0; i < accepted; i++)
    close (fds[i]);
  close (listener);
  /* The peer exits when its standard input ends. */
  g_output_stream_close (in, NULL, NULL);
  if (!g_subprocess_wait (peers, NULL, NULL))
    g_subprocess_force_exit (peers);

  return seconds;
}
