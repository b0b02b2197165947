/* bench-peers.c — many idle TCP connections from another process
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The peer of bench-conns: one process cannot hold both ends of ten
 * thousand connections within the descriptor limit, so this one holds the
 * connecting ends.  Usage: bench-peers PORT COUNT.  It says "ready", waits
 * for "go" on its standard input, opens COUNT connections to
 * 127.0.0.1:PORT with non-blocking connect() calls as fast as it can,
 * waits until every one has completed (or failed), says
 * "connected COUNT MICROSECONDS", holds them open and idle, and closes them
 * all on "close" ("closed").  It exits when its standard input ends (the
 * benchmark is gone) and dies with its parent, so that no peer outlives a
 * benchmark whatever way it ends.  Errors go to standard output as
 * "error ..." lines, and the exit status is 1.
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "sb-fd-limit.h"

#define CONNECT_TIMEOUT_MS (120 * 1000)

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

/* The next command on standard input, or NULL at its end. */
static char *
read_command (char   *line,
              size_t  size)
{
  if (fgets (line, (int) size, stdin) == NULL)
    return NULL;
  line[strcspn (line, "\n")] = '\0';
  return line;
}

/* Waits until every connection has completed.  Standard input ending
 * meanwhile ends the peer. */
static gboolean
wait_connected (int   epoll_fd,
                guint count)
{
  struct epoll_event events[256];
  gint64 deadline = g_get_monotonic_time () + CONNECT_TIMEOUT_MS * G_GINT64_CONSTANT (1000);
  guint pending = count;

  while (pending > 0)
    {
      int timeout = (int) ((deadline - g_get_monotonic_time ()) / 1000);
      int n;

      if (timeout <= 0)
        {
          say ("error %u of %u connections not completed after %d s", pending, count,
               CONNECT_TIMEOUT_MS / 1000);
          return FALSE;
        }

      n = epoll_wait (epoll_fd, events, G_N_ELEMENTS (events), timeout);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          say ("error epoll_wait: %s", g_strerror (errno));
          return FALSE;
        }

      for (int i = 0; i < n; i++)
        {
          int fd = events[i].data.fd;
          int error = 0;
          socklen_t len = sizeof error;

          if (fd == STDIN_FILENO)
            {
              say ("error standard input ended while connecting");
              return FALSE;
            }

          if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0)
            {
              say ("error connect: %s", g_strerror (error != 0 ? error : errno));
              return FALSE;
            }
          /* Connected: idle from now on. */
          epoll_ctl (epoll_fd, EPOLL_CTL_DEL, fd, NULL);
          pending--;
        }
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  struct sockaddr_in addr = { 0 };
  struct epoll_event event = { 0 };
  g_autofree int *fds = NULL;
  char line[64];
  guint64 limit;
  guint count;
  guint port;
  gint64 start;
  int epoll_fd;

  /* Dies with the benchmark, even when it is killed. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return EXIT_FAILURE;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s PORT COUNT\n", argv[0]);
      return EXIT_FAILURE;
    }
  port = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  count = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (port == 0 || port > 65535 || count == 0)
    {
      fprintf (stderr, "Usage: %s PORT COUNT\n", argv[0]);
      return EXIT_FAILURE;
    }

  limit = sb_fd_limit_raise ();
  if (limit < (guint64) count + 16)
    {
      say ("error %u connections need more descriptors than the limit, %" G_GUINT64_FORMAT
           " (ulimit -Hn)", count, limit);
      return EXIT_FAILURE;
    }

  fds = g_new (int, count);
  addr.sin_family = AF_INET;
  addr.sin_port = htons ((guint16) port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  event.events = EPOLLIN;
  event.data.fd = STDIN_FILENO;
  if (epoll_fd < 0 || epoll_ctl (epoll_fd, EPOLL_CTL_ADD, STDIN_FILENO, &event) != 0)
    {
      say ("error epoll: %s", g_strerror (errno));
      return EXIT_FAILURE;
    }

  say ("ready");
  if (read_command (line, sizeof line) == NULL || strcmp (line, "go") != 0)
    return EXIT_FAILURE;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      int fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

      if (fd < 0)
        {
          say ("error socket() for connection %u: %s", i + 1, g_strerror (errno));
          return EXIT_FAILURE;
        }
      if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 && errno != EINPROGRESS)
        {
          say ("error connect() for connection %u: %s", i + 1, g_strerror (errno));
          return EXIT_FAILURE;
        }
      fds[i] = fd;
      event.events = EPOLLOUT;
      event.data.fd = fd;
      if (epoll_ctl (epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0)
        {
          say ("error epoll_ctl: %s", g_strerror (errno));
          return EXIT_FAILURE;
        }
    }

  if (!wait_connected (epoll_fd, count))
    return EXIT_FAILURE;
  say ("connected %u %" G_GINT64_FORMAT, count, g_get_monotonic_time () - start);

  /* Held open and idle until told, or until the benchmark is gone. */
  while (read_command (line, sizeof line) != NULL)
    if (strcmp (line, "close") == 0)
      {
        for (guint i = 0; i < count; i++)
          close (fds[i]);
        say ("closed");
        break;
      }

  close (epoll_fd);
  return EXIT_SUCCESS;
}
