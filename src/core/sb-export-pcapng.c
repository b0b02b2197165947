/* sb-export-pcapng.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pcapng export, for Wireshark: the packets the socket calls put on
 * the wire, synthesized from the log.  One interface of raw IP packets
 * (LINKTYPE_RAW: IPv4 and IPv6 alike).  Each TCP connection gets a
 * handshake where it was established, then data segments carrying exactly
 * each call's bytes (split at MAX_SEGMENT), with sequence and
 * acknowledgement numbers that follow, and FIN or RST where the log shows
 * one.  A direction's bytes come from the sender's send() calls when the
 * sender is in the log, else from the receiver's recv() calls: a client of
 * the workbench talking to its own server is one connection, not two.
 * UDP datagrams go with their real tuples.  Each packet's comment is the
 * call that made it.  Format: IETF draft-ietf-opsawg-pcapng. */

#define G_LOG_DOMAIN "sb-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sb-endpoint.h"
#include "sb-event.h"
#include "sb-export-private.h"
#include "sb-transcript.h"

#define LINKTYPE_RAW  101
#define MAX_SEGMENT   65495   /* 65535 - IPv4 header - TCP header */
#define TCP_WINDOW    65535

enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10 };

typedef struct
{
  guint8  addr[16];
  guint16 port;
} Address;

/* End 0 opened the connection (a client), end 1 accepted it. */
typedef struct
{
  gboolean v6;
  gboolean paired;    /* both ends are in the log */
  Address  end[2];
  guint32  seq[2];    /* the next sequence number each end sends */
  gboolean open;
  gboolean fin[2];
  gboolean reset;
} Connection;

typedef struct
{
  GHashTable *connections;   /* socket id → Connection (both ends' ids) */
  GPtrArray  *owned;         /* the Connections */
  GHashTable *udp_locals;    /* local tuples of the log's UDP sockets */
  GByteArray *packet;
  GByteArray *block;
  guint16     ip_id;
  GError     *error;         /* the first write's failure */
} PcapngState;

static void
pcapng_state_free (gpointer data)
{
  PcapngState *state = data;

  g_hash_table_unref (state->connections);
  g_ptr_array_unref (state->owned);
  g_clear_error (&state->error);
  g_hash_table_unref (state->udp_locals);
  g_byte_array_unref (state->packet);
  g_byte_array_unref (state->block);
  g_free (state);
}

/* Blocks, in the host's byte order (the section header says which). */

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  g_byte_array_append (out, (const guint8 *) &value, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  g_byte_array_append (out, (const guint8 *) &value, 4);
}

static void
pad4 (GByteArray *out)
{
  static const guint8 zeros[3] = { 0, };

  g_byte_array_append (out, zeros, (4 - out->len % 4) % 4);
}

static void
put_option (GByteArray *out,
            guint16     code,
            const void *value,
            gsize       len)
{
  put_u16 (out, code);
  put_u16 (out, (guint16) len);
  g_byte_array_append (out, value, len);
  pad4 (out);
}

/* Starts a block of @type: its length is filled in by end_block (). */
static void
begin_block (GByteArray *out,
             guint32     type)
{
  g_byte_array_set_size (out, 0);
  put_u32 (out, type);
  put_u32 (out, 0);
}

static gboolean
end_block (SbExport    *export,
           GByteArray  *out,
           GError     **error)
{
  guint32 len = out->len + 4;

  memcpy (out->data + 4, &len, 4);
  put_u32 (out, len);
  return _sb_export_write (export, out->data, out->len, error);
}

static gboolean
pcapng_begin (SbExport  *export,
              gpointer  *state_out,
              GError   **error)
{
  static const char app[] = "Sockbench " PACKAGE_VERSION;
  static const char ifname[] = "sockbench";
  PcapngState *state = g_new0 (PcapngState, 1);
  GByteArray *block;
  GHashTableIter iter;
  SbExportSocket *socket;

  state->connections = g_hash_table_new (NULL, NULL);
  state->owned = g_ptr_array_new_with_free_func (g_free);
  state->udp_locals = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, _sb_export_get_sockets (export));
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &socket))
    if (socket->datagram && socket->local != NULL)
      g_hash_table_add (state->udp_locals, socket->local);
  state->packet = g_byte_array_new ();
  state->block = block = g_byte_array_new ();
  *state_out = state;

  /* Section header: byte-order magic, version 1.0, length unknown. */
  begin_block (block, 0x0A0D0D0A);
  put_u32 (block, 0x1A2B3C4D);
  put_u16 (block, 1);
  put_u16 (block, 0);
  put_u32 (block, 0xFFFFFFFF);
  put_u32 (block, 0xFFFFFFFF);
  put_option (block, 4 /* shb_userappl */, app, strlen (app));
  put_option (block, 0, NULL, 0);
  if (!end_block (export, block, error))
    return FALSE;

  /* Interface: raw IP, no snapshot limit, microseconds (the default). */
  begin_block (block, 0x00000001);
  put_u16 (block, LINKTYPE_RAW);
  put_u16 (block, 0);
  put_u32 (block, 0);
  put_option (block, 2 /* if_name */, ifname, strlen (ifname));
  put_option (block, 0, NULL, 0);
  return end_block (export, block, error);
}

static gboolean
write_packet (SbExport     *export,
              PcapngState  *state,
              gint64        wall_us,
              gsize         original_len,
              const char   *comment)
{
  GByteArray *block = state->block;
  guint64 ts = (guint64) MAX (wall_us, 0);

  begin_block (block, 0x00000006);
  put_u32 (block, 0);
  put_u32 (block, (guint32) (ts >> 32));
  put_u32 (block, (guint32) ts);
  put_u32 (block, state->packet->len);
  put_u32 (block, (guint32) original_len);
  g_byte_array_append (block, state->packet->data, state->packet->len);
  pad4 (block);
  if (comment != NULL)
    {
      put_option (block, 1 /* opt_comment */, comment, MIN (strlen (comment), 65535));
      put_option (block, 0, NULL, 0);
    }

  return end_block (export, block, &state->error);
}

/* Packets, in network byte order. */

static void
put_be16 (GByteArray *out,
          guint16     value)
{
  guint8 bytes[2] = { value >> 8, value };

  g_byte_array_append (out, bytes, 2);
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static guint32
sum_words (guint32       sum,
           const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i + 1 < len; i += 2)
    sum += ((guint32) data[i] << 8) | data[i + 1];
  if (len % 2 == 1)
    sum += (guint32) data[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);

  return sum;
}

static guint16
fold_checksum (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);

  return (guint16) ~sum;
}

/* An IP packet from @src to @dst around a transport header and payload:
 * the packet buffer holds the IP header, then @header, then @payload.
 * The transport checksum is at @checksum_at within @header. */
static void
build_ip (PcapngState   *state,
          gboolean       v6,
          const Address *src,
          const Address *dst,
          guint8         protocol,
          guint8        *header,
          gsize          header_len,
          gsize          checksum_at,
          const guint8  *payload,
          gsize          payload_len,
          gsize          original_len)
{
  GByteArray *out = state->packet;
  gsize transport_len = header_len + original_len;
  guint32 sum = 0;
  guint8 pseudo[8];
  gsize addr_len = v6 ? 16 : 4;
  guint16 checksum = 0;

  /* The pseudo-header: addresses, protocol, length. */
  sum = sum_words (sum, src->addr, addr_len);
  sum = sum_words (sum, dst->addr, addr_len);
  pseudo[0] = 0; pseudo[1] = protocol;
  pseudo[2] = transport_len >> 8; pseudo[3] = transport_len;
  sum = sum_words (sum, pseudo, 4);
  /* The header's checksum field is 0 here; a truncated payload has none. */
  if (payload_len == original_len)
    {
      sum = sum_words (sum, header, header_len);
      /* Words of the payload start on an even offset: header_len is even. */
      sum = sum_words (sum, payload, payload_len);
      checksum = fold_checksum (sum);
      if (protocol == 17 && checksum == 0)
        checksum = 0xFFFF;
    }
  header[checksum_at] = checksum >> 8;
  header[checksum_at + 1] = checksum;

  g_byte_array_set_size (out, 0);
  if (v6)
    {
      put_be32 (out, 0x60000000);
      put_be16 (out, (guint16) transport_len);
      g_byte_array_append (out, &protocol, 1);
      g_byte_array_append (out, (const guint8 *) "\x40", 1);  /* hop limit 64 */
      g_byte_array_append (out, src->addr, 16);
      g_byte_array_append (out, dst->addr, 16);
    }
  else
    {
      guint8 *ip;

      put_be16 (out, 0x4500);
      put_be16 (out, (guint16) (20 + transport_len));
      put_be16 (out, state->ip_id++);
      put_be16 (out, 0x4000);   /* don't fragment */
      g_byte_array_append (out, (const guint8 *) "\x40", 1);  /* TTL 64 */
      g_byte_array_append (out, &protocol, 1);
      put_be16 (out, 0);
      g_byte_array_append (out, src->addr, 4);
      g_byte_array_append (out, dst->addr, 4);
      ip = out->data;
      checksum = fold_checksum (sum_words (0, ip, 20));
      ip[10] = checksum >> 8;
      ip[11] = checksum;
    }
  g_byte_array_append (out, header, header_len);
  g_byte_array_append (out, payload, payload_len);
}

static gboolean
write_segment (SbExport     *export,
               PcapngState  *state,
               Connection   *conn,
               guint         from,
               guint8        flags,
               const guint8 *data,
               gsize         len,
               gint64        wall_us,
               const char   *comment)
{
  const Address *src = &conn->end[from];
  const Address *dst = &conn->end[!from];
  guint32 ack = (flags & TCP_ACK) ? conn->seq[!from] : 0;
  guint8 tcp[20] = {
    src->port >> 8, src->port, dst->port >> 8, dst->port,
    conn->seq[from] >> 24, conn->seq[from] >> 16, conn->seq[from] >> 8, conn->seq[from],
    ack >> 24, ack >> 16, ack >> 8, ack,
    5 << 4, flags, TCP_WINDOW >> 8, TCP_WINDOW & 0xFF,
    0, 0, 0, 0,
  };
  gsize ip_len = conn->v6 ? 40 : 20;

  build_ip (state, conn->v6, src, dst, 6, tcp, sizeof tcp, 16, data, len, len);
  conn->seq[from] += len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);

  return write_packet (export, state, wall_us, ip_len + sizeof tcp + len, comment);
}

/* Addresses from the log's tuples.  An unspecified local address
 * (0.0.0.0, ::) becomes the peer's when that is a loopback address; when
 * one end is IPv6, an IPv4 address is written as ::ffff:a.b.c.d. */

static GInetAddress *
parse_tuple (const char *tuple,
             guint16    *port)
{
  g_autofree char *host = NULL;

  *port = 0;
  if (tuple == NULL || !sb_endpoint_parse_tuple (tuple, &host, port, NULL, NULL))
    return NULL;

  return g_inet_address_new_from_string (host);
}

static void
set_address (Address      *address,
             GInetAddress *inet,
             guint16       port,
             gboolean      v6)
{
  const guint8 *bytes = g_inet_address_to_bytes (inet);

  memset (address->addr, 0, sizeof address->addr);
  address->port = port;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    memcpy (address->addr, bytes, 16);
  else if (v6)
    {
      address->addr[10] = address->addr[11] = 0xFF;
      memcpy (address->addr + 12, bytes, 4);
    }
  else
    memcpy (address->addr, bytes, 4);
}

/* Fills @local and @remote from the tuples; FALSE when either is unknown. */
static gboolean
resolve_tuples (const char *local_tuple,
                const char *remote_tuple,
                Address    *local,
                Address    *remote,
                gboolean   *v6)
{
  g_autoptr(GInetAddress) local_inet = NULL;
  g_autoptr(GInetAddress) remote_inet = NULL;
  guint16 local_port, remote_port;

  local_inet = parse_tuple (local_tuple, &local_port);
  remote_inet = parse_tuple (remote_tuple, &remote_port);
  if (local_inet == NULL || remote_inet == NULL)
    return FALSE;

  if (g_inet_address_get_is_any (local_inet) && g_inet_address_get_is_loopback (remote_inet))
    g_set_object (&local_inet, remote_inet);

  *v6 = g_inet_address_get_family (local_inet) == G_SOCKET_FAMILY_IPV6
        || g_inet_address_get_family (remote_inet) == G_SOCKET_FAMILY_IPV6;
  set_address (local, local_inet, local_port, *v6);
  set_address (remote, remote_inet, remote_port, *v6);
  return TRUE;
}

/* TCP. */

static guint
end_of (SbCapture *capture,
        guint      socket_id)
{
  return sb_capture_get_socket_role (capture, socket_id, NULL, NULL) == SB_SOCKET_ROLE_CLIENT
         ? 0 : 1;
}

static Connection *
lookup_connection (SbExport             *export,
                   PcapngState          *state,
                   const SbExportSocket *socket)
{
  Connection *conn = g_hash_table_lookup (state->connections,
                                          GUINT_TO_POINTER (socket->socket_id));
  guint end = end_of (_sb_export_get_capture (export), socket->socket_id);

  if (conn != NULL)
    return conn;

  conn = g_new0 (Connection, 1);
  if (!resolve_tuples (socket->local, socket->peer, &conn->end[end], &conn->end[!end], &conn->v6))
    {
      g_free (conn);
      return NULL;
    }
  conn->paired = socket->paired != 0;
  /* Initial sequence numbers as a kernel picks them: arbitrary. */
  conn->seq[0] = g_random_int ();
  conn->seq[1] = g_random_int ();
  g_ptr_array_add (state->owned, conn);
  g_hash_table_insert (state->connections, GUINT_TO_POINTER (socket->socket_id), conn);
  if (socket->paired != 0)
    g_hash_table_insert (state->connections, GUINT_TO_POINTER (socket->paired), conn);

  return conn;
}

static gboolean
ensure_open (SbExport    *export,
             PcapngState *state,
             Connection  *conn,
             gint64       wall_us,
             const char  *comment)
{
  if (conn->open)
    return TRUE;

  conn->open = TRUE;
  return write_segment (export, state, conn, 0, TCP_SYN, NULL, 0, wall_us, comment)
         && write_segment (export, state, conn, 1, TCP_SYN | TCP_ACK, NULL, 0, wall_us, NULL)
         && write_segment (export, state, conn, 0, TCP_ACK, NULL, 0, wall_us, NULL);
}

static gboolean
write_data (SbExport          *export,
            PcapngState       *state,
            Connection        *conn,
            guint              from,
            guint              index,
            const SbEventInfo *info,
            const char        *comment)
{
  g_autoptr(GBytes) payload = sb_capture_dup_payload (_sb_export_get_capture (export), index);
  const guint8 *data;
  gsize len = 0;

  data = payload != NULL ? g_bytes_get_data (payload, &len) : NULL;
  /* Bytes counted but not kept: the sequence numbers skip them, as a
   * capture that missed packets does. */
  if (len < (gsize) info->result)
    conn->seq[from] += (guint32) ((gsize) info->result - len);

  for (gsize offset = 0; offset < len; offset += MAX_SEGMENT)
    if (!write_segment (export, state, conn, from, TCP_PSH | TCP_ACK, data + offset,
                        MIN (len - offset, MAX_SEGMENT), info->wall_us,
                        offset == 0 ? comment : NULL))
      return FALSE;

  return TRUE;
}

static gboolean
write_fin (SbExport    *export,
           PcapngState *state,
           Connection  *conn,
           guint        from,
           gint64       wall_us,
           const char  *comment)
{
  if (conn->fin[from])
    return TRUE;

  conn->fin[from] = TRUE;
  return write_segment (export, state, conn, from, TCP_FIN | TCP_ACK, NULL, 0, wall_us, comment);
}

static gboolean
write_reset (SbExport    *export,
             PcapngState *state,
             Connection  *conn,
             guint        from,
             gint64       wall_us,
             const char  *comment)
{
  conn->reset = TRUE;
  return write_segment (export, state, conn, from, TCP_RST | TCP_ACK, NULL, 0, wall_us, comment);
}

static char *
dup_comment (SbExport          *export,
             guint              index,
             const SbEventInfo *info)
{
  SbCapture *capture = _sb_export_get_capture (export);
  g_autoptr(SbEvent) event = sb_event_new (capture, index);
  g_autofree char *summary = sb_event_dup_summary (event);
  g_autofree char *name = sb_transcript_dup_socket_name (capture, info->socket_id);

  return g_strdup_printf ("%s %s (#%u): %s", sb_side_to_string (info->side), name,
                          info->socket_id, summary);
}

/* Whether @info put a packet on the wire (established: the connection's
 * handshake is done, by connect() or accept()). */
static gboolean
puts_on_wire (const SbExportSocket *socket,
              const SbEventInfo    *info,
              gboolean              established)
{
  if (info->kind == SB_EVENT_CONNECT || info->kind == SB_EVENT_ACCEPT)
    return established && info->errnum == 0;
  /* A direction's bytes come from its sender's calls, when it is in the log. */
  if (info->kind == SB_EVENT_SEND)
    return info->errnum == 0 && info->result > 0;
  if (info->kind == SB_EVENT_RECV)
    return info->errnum == 0 && info->result > 0 && socket->paired == 0;
  if (info->kind == SB_EVENT_EOF)
    return socket->paired == 0;
  if (info->kind == SB_EVENT_SHUTDOWN)
    return info->errnum == 0 && info->detail != SB_SHUTDOWN_READ;

  return info->kind == SB_EVENT_CLOSE || info->kind == SB_EVENT_RESET;
}

static gboolean
tcp_event (SbExport             *export,
           PcapngState          *state,
           const SbExportSocket *socket,
           guint                 index,
           const SbEventInfo    *info)
{
  guint end = end_of (_sb_export_get_capture (export), socket->socket_id);
  g_autofree char *comment = NULL;
  Connection *conn;
  gboolean established;

  established = (info->kind == SB_EVENT_CONNECT && info->detail == SB_CONNECT_ESTABLISHED)
                || info->kind == SB_EVENT_ACCEPT;
  if (!puts_on_wire (socket, info, established))
    return TRUE;

  conn = lookup_connection (export, state, socket);
  if (conn == NULL || conn->reset)
    return TRUE;
  /* A close before any connection was made sends nothing. */
  if (!conn->open && (info->kind == SB_EVENT_CLOSE || info->kind == SB_EVENT_RESET))
    return TRUE;

  comment = dup_comment (export, index, info);
  if (!ensure_open (export, state, conn, info->wall_us, established ? comment : NULL))
    return FALSE;

  if (info->kind == SB_EVENT_SEND)
    return write_data (export, state, conn, end, index, info, comment);
  if (info->kind == SB_EVENT_RECV)
    return write_data (export, state, conn, !end, index, info, comment);
  if (info->kind == SB_EVENT_EOF)
    return write_fin (export, state, conn, !end, info->wall_us, comment);
  if (info->kind == SB_EVENT_SHUTDOWN
      || (info->kind == SB_EVENT_CLOSE && info->detail != SB_CLOSE_ABORT))
    return write_fin (export, state, conn, end, info->wall_us, comment);
  if (info->kind == SB_EVENT_CLOSE)
    return write_reset (export, state, conn, end, info->wall_us, comment);
  if (info->kind == SB_EVENT_RESET)
    return write_reset (export, state, conn, !end, info->wall_us, comment);

  return TRUE;
}

/* UDP: each sendto() of the log, and each recvfrom() whose sender is not
 * a socket of the log (whose sendto() is there already). */
static gboolean
udp_event (SbExport             *export,
           PcapngState          *state,
           const SbExportSocket *socket,
           guint                 index,
           const SbEventInfo    *info)
{
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *comment = NULL;
  Address local, remote;
  gboolean v6, sent;
  const guint8 *data;
  gsize len = 0;
  guint8 udp[8];
  gsize original;

  if ((info->kind != SB_EVENT_SENDTO && info->kind != SB_EVENT_RECVFROM)
      || info->errnum != 0 || info->result < 0 || info->note == NULL)
    return TRUE;
  sent = info->kind == SB_EVENT_SENDTO;
  if (!sent && g_hash_table_contains (state->udp_locals, info->note))
    return TRUE;
  if (!resolve_tuples (socket->local, info->note, &local, &remote, &v6))
    return TRUE;

  payload = sb_capture_dup_payload (_sb_export_get_capture (export), index);
  data = payload != NULL ? g_bytes_get_data (payload, &len) : NULL;
  original = MAX ((gsize) info->result, len);
  udp[0] = (sent ? local.port : remote.port) >> 8;
  udp[1] = (sent ? local.port : remote.port);
  udp[2] = (sent ? remote.port : local.port) >> 8;
  udp[3] = (sent ? remote.port : local.port);
  udp[4] = (8 + original) >> 8;
  udp[5] = (8 + original);
  udp[6] = udp[7] = 0;

  build_ip (state, v6, sent ? &local : &remote, sent ? &remote : &local, 17, udp, sizeof udp, 6,
            data, len, original);
  comment = dup_comment (export, index, info);

  return write_packet (export, state, info->wall_us, (v6 ? 40 : 20) + 8 + original, comment);
}

static gboolean
pcapng_event (SbExport           *export,
              gpointer            data,
              guint               index,
              const SbEventInfo  *info,
              GError            **error)
{
  PcapngState *state = data;
  const SbExportSocket *socket = _sb_export_get_socket (export, info->socket_id);

  if (socket == NULL)
    return TRUE;

  if (!(socket->datagram ? udp_event : tcp_event) (export, state, socket, index, info))
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
pcapng_end (SbExport  *export,
            gpointer   data,
            GError   **error)
{
  return TRUE;
}

const SbExportWriter _sb_export_pcapng_writer = {
  pcapng_begin,
  pcapng_event,
  pcapng_end,
  pcapng_state_free,
};
