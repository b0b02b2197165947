/* sb-session-write.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-session.h"
#include "sb-session-private.h"

/* The file is produced in order: the header and the small tables (NOTE,
 * SOCK, REPT), built when the writer is made; then EVTS, one record per
 * event; then DATA, the payloads read from the capture as they are
 * written; then END.  Only the tables are held in memory. */

typedef enum
{
  PHASE_HEAD,
  PHASE_RECORDS,
  PHASE_DATA_HEAD,
  PHASE_DATA,
  PHASE_END,
  PHASE_DONE,
} Phase;

struct _SbSessionWriter
{
  SbCapture  *capture;
  gulong      changed_id;
  gboolean    cleared;      /* the snapshot's events are gone */
  guint       n_events;     /* the snapshot */
  GHashTable *note_index;   /* note → its number, from 1 */
  GByteArray *head;         /* header, NOTE, SOCK, REPT, EVTS's section header */
  guint64     payload_bytes;
  guint64     size;

  Phase       phase;
  guint       index;        /* the event being written */
  guint64     payload_offset;  /* in DATA, of the next record's payload */
  guint8      piece[SB_SESSION_RECORD_LEN];  /* a record or a section header */
  const guint8 *piece_data;
  gsize       piece_len;
  gsize       piece_pos;
  gsize       data_pos;     /* in the payload of event @index */
};

static void
put_u32 (guint8  *p,
         guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (guint8) (v >> (8 * i));
}

static void
put_u64 (guint8  *p,
         guint64  v)
{
  put_u32 (p, (guint32) v);
  put_u32 (p + 4, (guint32) (v >> 32));
}

static void
append_u32 (GByteArray *array,
            guint32     v)
{
  guint8 b[4];

  put_u32 (b, v);
  g_byte_array_append (array, b, 4);
}

static void
encode_section (guint8     *p,
                const char *tag,
                guint64     len)
{
  memcpy (p, tag, 4);
  put_u32 (p + 4, 0);
  put_u64 (p + 8, len);
}

static guint
pad_len (guint64 len)
{
  return (guint) ((8 - len % 8) % 8);
}

/* Appends a section of @len bytes of @data, padded to 8 bytes. */
static void
append_section (GByteArray   *array,
                const char   *tag,
                const guint8 *data,
                gsize         len)
{
  static const guint8 zeros[8] = { 0, };
  guint8 head[SB_SESSION_SECTION_LEN];

  encode_section (head, tag, len);
  g_byte_array_append (array, head, sizeof head);
  g_byte_array_append (array, data, len);
  g_byte_array_append (array, zeros, pad_len (len));
}

static guint32
note_number (SbSessionWriter *self,
             GString         *notes,
             const char      *note)
{
  gpointer number;

  if (note == NULL)
    return 0;
  if (g_hash_table_lookup_extended (self->note_index, note, NULL, &number))
    return GPOINTER_TO_UINT (number);

  g_string_append_len (notes, note, strlen (note) + 1);
  number = GUINT_TO_POINTER (g_hash_table_size (self->note_index) + 1);
  g_hash_table_insert (self->note_index, (gpointer) note, number);

  return GPOINTER_TO_UINT (number);
}

static gint
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The tables: one walk over the records (not the payloads). */
static void
build_head (SbSessionWriter *self)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GByteArray) sockets = g_byte_array_new ();
  g_autoptr(GByteArray) repeats = g_byte_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  guint8 header[SB_SESSION_HEADER_LEN] = { 0, };
  guint8 evts[SB_SESSION_SECTION_LEN];
  SbEventInfo info;

  for (guint i = 0; i < self->n_events; i++)
    {
      guint times = sb_capture_get_repeats (self->capture, i);

      if (!sb_capture_get_info (self->capture, i, &info))
        continue;
      note_number (self, notes, info.note);
      self->payload_bytes += info.payload_len;
      if (times > 1)
        {
          append_u32 (repeats, i);
          append_u32 (repeats, times);
        }
      if (info.socket_id != 0 && g_hash_table_add (seen, GUINT_TO_POINTER (info.socket_id)))
        g_array_append_val (ids, info.socket_id);
    }

  g_array_sort (ids, compare_uint);
  for (guint i = 0; i < ids->len; i++)
    {
      guint id = g_array_index (ids, guint, i);
      const char *tuple = sb_capture_get_local_tuple (self->capture, id);

      append_u32 (sockets, id);
      append_u32 (sockets, sb_capture_is_datagram_socket (self->capture, id)
                           ? SB_SESSION_SOCKET_DATAGRAM : 0);
      append_u32 (sockets, note_number (self, notes, tuple));
    }

  memcpy (header, SB_SESSION_MAGIC, SB_SESSION_MAGIC_LEN);
  header[14] = SB_SESSION_MAJOR;
  header[16] = SB_SESSION_MINOR;
  if (self->n_events > 0 && sb_capture_get_info (self->capture, 0, &info))
    put_u64 (header + 24, (guint64) info.wall_us - (guint64) info.mono_us);

  self->head = g_byte_array_new ();
  g_byte_array_append (self->head, header, sizeof header);
  append_section (self->head, "NOTE", (const guint8 *) notes->str, notes->len);
  append_section (self->head, "SOCK", sockets->data, sockets->len);
  append_section (self->head, "REPT", repeats->data, repeats->len);
  encode_section (evts, "EVTS", (guint64) self->n_events * SB_SESSION_RECORD_LEN);
  g_byte_array_append (self->head, evts, sizeof evts);

  self->size = self->head->len + (guint64) self->n_events * SB_SESSION_RECORD_LEN
               + SB_SESSION_SECTION_LEN + self->payload_bytes + pad_len (self->payload_bytes)
               + SB_SESSION_SECTION_LEN;
}

/* A clear takes the snapshot's events away (new ones would take their
 * indexes): the rest cannot be written. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  SbSessionWriter *self = user_data;

  if (removed > 0)
    self->cleared = TRUE;
}

SbSessionWriter *
sb_session_writer_new (SbCapture *capture)
{
  SbSessionWriter *self;

  g_return_val_if_fail (SB_IS_CAPTURE (capture), NULL);

  self = g_new0 (SbSessionWriter, 1);
  self->capture = g_object_ref (capture);
  self->n_events = sb_capture_get_n_recorded (capture);
  self->note_index = g_hash_table_new (g_str_hash, g_str_equal);
  /* Announced first, so that a clear is seen for every event in the
   * snapshot. */
  sb_capture_flush (capture);
  self->changed_id = g_signal_connect (capture, "items-changed",
                                       G_CALLBACK (items_changed_cb), self);
  build_head (self);
  self->piece_data = self->head->data;
  self->piece_len = self->head->len;

  return self;
}

guint64
sb_session_writer_get_size (SbSessionWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

void
sb_session_writer_free (SbSessionWriter *self)
{
  g_clear_signal_handler (&self->changed_id, self->capture);
  g_clear_object (&self->capture);
  g_clear_pointer (&self->note_index, g_hash_table_unref);
  g_clear_pointer (&self->head, g_byte_array_unref);
  g_free (self);
}

static gboolean
encode_record (SbSessionWriter  *self,
               guint             index,
               GError          **error)
{
  guint8 *r = self->piece;
  SbEventInfo info;

  if (!sb_capture_get_info (self->capture, index, &info))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("event %u could not be read back from the capture's spill file"), index);
      return FALSE;
    }

  memset (r, 0, SB_SESSION_RECORD_LEN);
  put_u64 (r, (guint64) info.mono_us);
  put_u64 (r + 8, (guint64) info.result);
  put_u64 (r + 16, info.requested);
  put_u64 (r + 24, self->payload_offset);
  put_u32 (r + 32, (guint32) info.payload_len);
  put_u32 (r + 36, info.socket_id);
  if (info.note != NULL)
    put_u32 (r + 40, GPOINTER_TO_UINT (g_hash_table_lookup (self->note_index, info.note)));
  put_u32 (r + 44, (guint32) info.detail);
  put_u32 (r + 48, (guint32) info.errnum);
  r[52] = (guint8) info.kind;
  r[53] = (guint8) info.side;
  self->payload_offset += info.payload_len;
  self->piece_data = r;
  self->piece_len = SB_SESSION_RECORD_LEN;
  self->piece_pos = 0;

  return TRUE;
}

static void
set_piece_section (SbSessionWriter *self,
                   const char      *tag,
                   guint64          len,
                   guint            pad)
{
  /* The padding before it goes first: zeros, then the header. */
  memset (self->piece, 0, pad);
  encode_section (self->piece + pad, tag, len);
  self->piece_data = self->piece;
  self->piece_len = pad + SB_SESSION_SECTION_LEN;
  self->piece_pos = 0;
}

/* Copies what is left of the current piece; returns the bytes copied. */
static gsize
copy_piece (SbSessionWriter *self,
            guint8          *buffer,
            gsize            len)
{
  gsize n = MIN (len, self->piece_len - self->piece_pos);

  memcpy (buffer, self->piece_data + self->piece_pos, n);
  self->piece_pos += n;

  return n;
}

/* Payload bytes of events from @index on; FALSE when one could not be
 * read back. */
static gboolean
copy_payloads (SbSessionWriter  *self,
               guint8           *buffer,
               gsize             len,
               gsize            *done,
               GError          **error)
{
  SbEventInfo info;

  while (*done < len && self->index < self->n_events)
    {
      gsize n;

      if (!sb_capture_get_info (self->capture, self->index, &info))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("event %u could not be read back from the capture's spill file"),
                       self->index);
          return FALSE;
        }
      if (self->data_pos >= info.payload_len)
        {
          self->index++;
          self->data_pos = 0;
          continue;
        }

      n = sb_capture_copy_payload (self->capture, self->index, self->data_pos,
                                   buffer + *done, len - *done);
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("the payload of event %u could not be read back from the "
                         "capture's spill file"), self->index);
          return FALSE;
        }
      self->data_pos += n;
      *done += n;
    }

  return TRUE;
}

gssize
sb_session_writer_read (SbSessionWriter  *self,
                        guint8           *buffer,
                        gsize             buffer_len,
                        GError          **error)
{
  gsize done = 0;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (buffer != NULL, -1);
  g_return_val_if_fail (buffer_len <= G_MAXSSIZE, -1);

  if (self->cleared)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("the log was cleared while it was being saved"));
      return -1;
    }

  while (done < buffer_len && self->phase != PHASE_DONE)
    {
      done += copy_piece (self, buffer + done, buffer_len - done);
      if (self->piece_pos < self->piece_len)
        break;

      switch (self->phase)
        {
        case PHASE_HEAD:
        case PHASE_RECORDS:
          self->phase = PHASE_RECORDS;
          if (self->index < self->n_events)
            {
              if (!encode_record (self, self->index++, error))
                return -1;
              break;
            }
          self->phase = PHASE_DATA_HEAD;
          set_piece_section (self, "DATA", self->payload_bytes, 0);
          break;

        case PHASE_DATA_HEAD:
          self->phase = PHASE_DATA;
          self->index = 0;
          self->data_pos = 0;
          break;

        case PHASE_DATA:
          if (!copy_payloads (self, buffer, buffer_len, &done, error))
            return -1;
          if (self->index < self->n_events)
            break;
          self->phase = PHASE_END;
          set_piece_section (self, "END ", 0, pad_len (self->payload_bytes));
          break;

        case PHASE_END:
          self->phase = PHASE_DONE;
          break;

        case PHASE_DONE:
        default:
          g_assert_not_reached ();
        }
    }

  return (gssize) done;
}
