/* sb-transcript-c.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One side's calls as a C program: the same calls as the exported Python
 * script (sb-transcript.c), in the notation of the BSD socket API.  What
 * the script leaves in comments (failed calls, refused attempts, what came
 * back) is in comments here, in the transcript's Python words. */

#define G_LOG_DOMAIN "sb-transcript"

#include "config.h"

#include <string.h>

#include "sb-capture.h"
#include "sb-transcript-private.h"

/* Bytes of a payload shown in a comment. */
#define C_FOLD_BYTES 48

static const char c_prelude[] =
  "#include <netdb.h>\n"
  "#include <stdio.h>\n"
  "#include <stdlib.h>\n"
  "#include <string.h>\n"
  "#include <sys/socket.h>\n"
  "#include <unistd.h>\n"
  "\n"
  "/* bind() or connect() to a numeric address, as the window did. */\n"
  "static inline int\n"
  "to_address (int fd, const char *host, const char *port, int do_bind)\n"
  "{\n"
  "  struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,\n"
  "                            .ai_socktype = SOCK_STREAM };\n"
  "  struct addrinfo *ai;\n"
  "  int r;\n"
  "\n"
  "  if (getaddrinfo (host, port, &hints, &ai) != 0)\n"
  "    return -1;\n"
  "  r = do_bind ? bind (fd, ai->ai_addr, ai->ai_addrlen)\n"
  "              : connect (fd, ai->ai_addr, ai->ai_addrlen);\n"
  "  freeaddrinfo (ai);\n"
  "  return r;\n"
  "}\n"
  "\n"
  "/* sendto() a numeric address, as the window did (UDP). */\n"
  "static inline ssize_t\n"
  "send_to (int fd, const char *data, size_t len, const char *host, const char *port)\n"
  "{\n"
  "  struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV,\n"
  "                            .ai_socktype = SOCK_DGRAM };\n"
  "  struct addrinfo *ai;\n"
  "  ssize_t n;\n"
  "\n"
  "  if (getaddrinfo (host, port, &hints, &ai) != 0)\n"
  "    return -1;\n"
  "  n = sendto (fd, data, len, 0, ai->ai_addr, ai->ai_addrlen);\n"
  "  freeaddrinfo (ai);\n"
  "  return n;\n"
  "}\n"
  "\n"
  "/* send() until the kernel took every byte, as Python's sendall(). */\n"
  "static inline void\n"
  "send_all (int fd, const char *data, size_t len)\n"
  "{\n"
  "  while (len > 0)\n"
  "    {\n"
  "      ssize_t n = send (fd, data, len, 0);\n"
  "\n"
  "      if (n < 0)\n"
  "        {\n"
  "          perror (\"send\");\n"
  "          exit (1);\n"
  "        }\n"
  "      data += n;\n"
  "      len -= (size_t) n;\n"
  "    }\n"
  "}\n"
  "\n";

/* Text inside a C comment: "*" "/" would end it. */
static void
append_comment (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '*' && p[1] == '/')
        g_string_append_c (out, ' ');
    }
}

/* A C string literal of @data: printable ASCII as it is, the rest (and
 * quotes, backslashes, question marks, a slash after a star) as octal
 * escapes, which never swallow the next character. */
static void
append_c_literal (GString      *out,
                  const guint8 *data,
                  gsize         len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (i > 0 && i % 64 == 0)
        g_string_append (out, "\"\n    \"");
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '?'
          || (c == '/' && i > 0 && data[i - 1] == '*'))
        {
          /* Not g_string_append_printf (): it allocates for every byte. */
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) ('0' + (c >> 6)));
          g_string_append_c (out, (char) ('0' + ((c >> 3) & 7)));
          g_string_append_c (out, (char) ('0' + (c & 7)));
        }
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* "('127.0.0.1', 15000)" or "('::1', 15000, 0, 0)": host and port. */
static gboolean
parse_tuple (const char  *note,
             char       **host,
             guint       *port)
{
  const char *start, *end;
  char *tail;
  guint64 value;

  if (note == NULL || !g_str_has_prefix (note, "('"))
    return FALSE;
  start = note + 2;
  end = strchr (start, '\'');
  if (end == NULL || !g_str_has_prefix (end, "', "))
    return FALSE;
  value = g_ascii_strtoull (end + 3, &tail, 10);
  if (tail == end + 3 || value > 65535)
    return FALSE;

  *host = g_strndup (start, end - start);
  *port = (guint) value;

  return TRUE;
}

static void
append_python_comment (GString           *out,
                       SbCapture         *capture,
                       guint              index,
                       const SbEventInfo *info)
{
  g_autoptr(GString) line = g_string_new (NULL);

  _sb_statement_append (line, capture, index, info, SB_TRANSCRIPT_FOLD_CHARS,
                        SB_STATEMENT_TRANSCRIPT);
  g_string_append (out, "  /* ");
  append_comment (out, line->str[0] == '#' ? line->str + 2 : line->str);
  g_string_append (out, " */\n");
}

/* The C statement of a call that runs; FALSE when there is none. */
static gboolean
append_c_statement (GString           *out,
                    SbCapture         *capture,
                    guint              index,
                    const SbEventInfo *info,
                    const char        *name,
                    const char        *addr)
{
  g_autofree char *host = NULL;
  g_autofree char *listener = NULL;
  g_autoptr(GBytes) payload = NULL;
  const char *family;
  gboolean datagram;
  guint port;

  switch (info->kind)
    {
    case SB_EVENT_SOCKET:
      family = info->note != NULL && g_str_has_prefix (info->note, "AF_INET6") ? "AF_INET6"
                                                                                : "AF_INET";
      datagram = sb_capture_is_datagram_socket (capture, info->socket_id);
      g_string_append_printf (out, "  %s = socket (%s, %s, 0);\n", name, family,
                              datagram ? "SOCK_DGRAM" : "SOCK_STREAM");
      if (sb_capture_get_socket_role (capture, info->socket_id, NULL, NULL)
          == SB_SOCKET_ROLE_LISTENER && !datagram)
        g_string_append_printf (out, "  setsockopt (%s, SOL_SOCKET, SO_REUSEADDR, "
                                "&(int) { 1 }, sizeof (int));\n", name);
      return TRUE;

    case SB_EVENT_BIND:
    case SB_EVENT_CONNECT:
      if (!parse_tuple (info->note, &host, &port))
        return FALSE;
      g_string_append_printf (out, "  to_address (%s, \"%s\", \"%u\", %d);  /* %s() */\n",
                              name, host, port, info->kind == SB_EVENT_BIND,
                              info->kind == SB_EVENT_BIND ? "bind" : "connect");
      return TRUE;

    case SB_EVENT_LISTEN:
      g_string_append_printf (out, "  listen (%s, %zu);\n", name, info->requested);
      return TRUE;

    case SB_EVENT_ACCEPT:
      sb_capture_get_socket_role (capture, info->socket_id, NULL, &port);
      listener = port <= 1 ? g_strdup ("server") : g_strdup_printf ("server%u", port);
      g_string_append_printf (out, "  %s = accept (%s, NULL, NULL);  /* ", name, listener);
      append_comment (out, info->note != NULL ? info->note : "");
      g_string_append (out, " */\n");
      return TRUE;

    case SB_EVENT_SEND:
      payload = sb_capture_dup_payload (capture, index);
      g_string_append_printf (out, "  send_all (%s, ", name);
      append_c_literal (out, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
      g_string_append_printf (out, ", %zu);\n", g_bytes_get_size (payload));
      return TRUE;

    case SB_EVENT_RECV:
      if (info->payload_len == 0 && info->result > 0)
        {
          g_autofree char *gap = sb_capture_dup_gap_text ((guint64) info->result);

          g_string_append_printf (out, "  recv (%s, buf, %lld, MSG_WAITALL);  /* → %s */\n",
                                  name, (long long) info->result, gap);
          return TRUE;
        }
      payload = sb_capture_dup_payload (capture, index);
      g_string_append_printf (out, "  recv (%s, buf, %lld, MSG_WAITALL);  /* → ", name,
                              (long long) info->result);
      {
        g_autoptr(GString) literal = g_string_new (NULL);

        gsize len = g_bytes_get_size (payload);

        /* What came back, folded: the comment is for reading. */
        append_c_literal (literal, g_bytes_get_data (payload, NULL), MIN (len, C_FOLD_BYTES));
        append_comment (out, literal->str);
        if (len > C_FOLD_BYTES)
          g_string_append_printf (out, "…  (%zu more bytes)", len - C_FOLD_BYTES);
      }
      g_string_append (out, " */\n");
      return TRUE;

    case SB_EVENT_EOF:
      g_string_append_printf (out, "  recv (%s, buf, %zu, 0);  /* → 0: the peer closed */\n",
                              name, MIN (info->requested, (gsize) SB_MAX_RECEIVE_SIZE));
      return TRUE;

    case SB_EVENT_SHUTDOWN:
      g_string_append_printf (out, "  shutdown (%s, %s);\n", name,
                              info->detail == SB_SHUTDOWN_READ ? "SHUT_RD"
                              : info->detail == SB_SHUTDOWN_WRITE ? "SHUT_WR" : "SHUT_RDWR");
      return TRUE;

    case SB_EVENT_CLOSE:
      if (info->detail == SB_CLOSE_ABORT)
        g_string_append_printf (out, "  setsockopt (%s, SOL_SOCKET, SO_LINGER, "
                                "&(struct linger) { 1, 0 }, sizeof (struct linger));\n", name);
      g_string_append_printf (out, "  close (%s);\n", name);
      return TRUE;

    case SB_EVENT_SENDTO:
      payload = sb_capture_dup_payload (capture, index);
      /* A reply to the sender just received: to whoever that is now. */
      if (info->detail == SB_SENDTO_ADDRESSED && addr != NULL
          && g_strcmp0 (info->note, addr) == 0)
        {
          g_string_append_printf (out, "  sendto (%s, ", name);
          append_c_literal (out, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
          g_string_append_printf (out, ", %zu, 0, (struct sockaddr *) &addr, addrlen);  /* ",
                                  g_bytes_get_size (payload));
          append_comment (out, addr);
          g_string_append (out, " */\n");
          return TRUE;
        }
      if (info->detail == SB_SENDTO_CONNECTED)
        g_string_append_printf (out, "  send (%s, ", name);
      else
        {
          if (!parse_tuple (info->note, &host, &port))
            return FALSE;
          g_string_append_printf (out, "  send_to (%s, ", name);
        }
      append_c_literal (out, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
      g_string_append_printf (out, ", %zu", g_bytes_get_size (payload));
      if (info->detail == SB_SENDTO_CONNECTED)
        g_string_append (out, ", 0);\n");
      else
        g_string_append_printf (out, ", \"%s\", \"%u\");\n", host, port);
      return TRUE;

    case SB_EVENT_RECVFROM:
      /* One datagram, whatever its length: the comment says what came. */
      g_string_append_printf (out, "  addrlen = sizeof addr;\n"
                              "  recvfrom (%s, buf, %zu, 0, (struct sockaddr *) &addr, "
                              "&addrlen);\n", name,
                              MIN (info->requested, (gsize) SB_MAX_RECEIVE_SIZE));
      append_python_comment (out, capture, index, info);
      return TRUE;

    case SB_EVENT_RESOLVE:
    case SB_EVENT_RESET:
    case SB_EVENT_ERROR:
    default:
      return FALSE;
    }
}

char *
sb_transcript_dup_c_program (SbCapture *capture,
                             SbSide     side)
{
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) declared = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  GString *out;
  gsize buf_size = 1;
  gboolean uses_addr = FALSE;
  const char *addr = NULL;   /* the sender the last recvfrom() put in `addr` */
  guint n;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  live = _sb_transcript_find_live_sockets (capture, side);
  n = sb_capture_get_n_recorded (capture);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GString) line = g_string_new (NULL);
      SbEventInfo info;
      gboolean runs;

      if (!sb_capture_get_info (capture, i, &info) || info.side != side)
        continue;

      name = sb_transcript_dup_socket_name (capture, info.socket_id);
      runs = _sb_statement_append (line, capture, i, &info, 0, SB_STATEMENT_SCRIPT)
             && g_hash_table_contains (live, GUINT_TO_POINTER (info.socket_id))
             && (info.kind != SB_EVENT_RECV || info.payload_len == (gsize) info.result
                 || info.payload_len == 0);
      if (!runs || !append_c_statement (body, capture, i, &info, name, addr))
        {
          append_python_comment (body, capture, i, &info);
          continue;
        }

      if (!g_hash_table_contains (declared, GUINT_TO_POINTER (info.socket_id)))
        {
          g_hash_table_add (declared, GUINT_TO_POINTER (info.socket_id));
          g_ptr_array_add (names, g_steal_pointer (&name));
        }
      if (info.kind == SB_EVENT_RECVFROM)
        {
          addr = info.note;
          uses_addr = TRUE;
        }
      if (info.kind == SB_EVENT_RECV)
        buf_size = MAX (buf_size, (gsize) info.result);
      if (info.kind == SB_EVENT_EOF || info.kind == SB_EVENT_RECVFROM)
        buf_size = MAX (buf_size, MIN (info.requested, (gsize) SB_MAX_RECEIVE_SIZE));
    }

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          "/* The %s side's socket calls of a Sockbench session, in C:\n"
                          " * cc -o %s %s.c && ./%s\n"
                          " * The same calls as the exported Python script; what came back\n"
                          " * and the calls that failed are in comments. */\n\n",
                          side == SB_SIDE_SERVER ? "server" : "client",
                          side == SB_SIDE_SERVER ? "server" : "client",
                          side == SB_SIDE_SERVER ? "server" : "client",
                          side == SB_SIDE_SERVER ? "server" : "client");
  g_string_append (out, c_prelude);
  g_string_append_printf (out, "static char buf[%zu];\n\nint\nmain (void)\n{\n", buf_size);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "  int %s = -1;\n", (char *) g_ptr_array_index (names, i));
  if (uses_addr)
    g_string_append (out, "  struct sockaddr_storage addr;  /* the last sender */\n"
                          "  socklen_t addrlen;\n");
  g_string_append (out, "  (void) buf;\n\n");
  g_string_append_len (out, body->str, body->len);
  g_string_append (out, "  return 0;\n}\n");

  return g_string_free (out, FALSE);
}

gboolean
sb_transcript_export_c_program (SbCapture     *capture,
                                SbSide         side,
                                GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *program = NULL;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  program = sb_transcript_dup_c_program (capture, side);

  return _sb_transcript_write (file, program, cancellable, error);
}
