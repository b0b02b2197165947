/* sb-http-private.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-http.h"

G_BEGIN_DECLS

/* The HTTP follower is split by concern: sb-http-message.c (the message
 * object and its setters), sb-http-head.c (heads through libsoup),
 * sb-http-framing.c (the incremental chunked decoder), sb-http-stream.c
 * (one direction of one connection, byte by byte) and sb-http-follower.c
 * (the capture, the sockets, the signals and the look-ups). */

struct _SbHttpMessage
{
  GObject        parent_instance;

  SbHttpKind     kind;
  SbHttpState    state;
  guint          socket_id;
  SbSide         side;
  gboolean       received;
  guint          sequence;

  /* the head, once parsed */
  char          *method;
  char          *target;
  guint          status;
  char          *reason;
  guint          minor_version;
  GPtrArray     *header_names;   /* char * */
  GPtrArray     *header_values;  /* char * */
  SbHttpFraming  framing;
  gint64         content_length;
  gboolean       keep_alive;

  guint64        head_length;
  guint64        body_length;
  GByteArray    *preview;
  GBytes        *preview_bytes;  /* made from preview on demand */
  char          *problem;

  guint64        stream_offset;
  guint          first_event;
  guint          last_event;

  /* the follower's bookkeeping */
  guint          find_first;     /* first event since the last clear */
  guint          findable : 1;   /* in its direction's search array */
  guint          pending : 1;    /* touched by the event being followed */
  guint          added : 1;      /* message-added not emitted yet */
};

SbHttpMessage *_sb_http_message_new          (SbHttpKind     kind,
                                              guint          socket_id,
                                              SbSide         side,
                                              gboolean       received,
                                              guint          sequence,
                                              guint64        stream_offset);
void           _sb_http_message_set_problem  (SbHttpMessage *self,
                                              const char    *problem);
/* Keeps what still fits of the preview. */
void           _sb_http_message_add_preview  (SbHttpMessage *self,
                                              const guint8  *data,
                                              gsize          len);
gsize          _sb_http_message_preview_room (SbHttpMessage *self);

/* Parses the head (start line to the empty line, included) into @self
 * with libsoup.  @request_method is the method of the request a response
 * answers, or NULL.  Returns FALSE with *problem set when it is not a
 * head we follow. */
gboolean       _sb_http_message_parse_head   (SbHttpMessage *self,
                                              const char    *head,
                                              gsize          len,
                                              const char    *request_method,
                                              char         **problem);

/* Chunked transfer coding, fed as it comes. */
typedef enum
{
  SB_CHUNK_SIZE,        /* hex digits of the chunk size */
  SB_CHUNK_EXTENSION,   /* after the size, up to the line feed */
  SB_CHUNK_DATA,        /* @remaining bytes of chunk data */
  SB_CHUNK_DATA_CR,     /* the CR LF after the data */
  SB_CHUNK_DATA_LF,
  SB_CHUNK_TRAILER,     /* at the start of a trailer line (or the end) */
  SB_CHUNK_TRAILER_LINE,
  SB_CHUNK_TRAILER_END, /* CR of the empty line seen */
  SB_CHUNK_DONE,
  SB_CHUNK_ERROR,
} SbChunkState;

typedef struct
{
  SbChunkState state;
  guint64      remaining;  /* chunk size, then data still to come */
  guint        digits;
  gsize        line_len;   /* of the size line or the trailers */
  gboolean     last;       /* the zero-size chunk */
} SbChunkDecoder;

void           _sb_chunk_decoder_init        (SbChunkDecoder *self);
/* Reads framing bytes; returns how many it took.  It stops early in
 * SB_CHUNK_DATA (the caller passes over the data, _sb_chunk_decoder_skip),
 * SB_CHUNK_DONE and SB_CHUNK_ERROR. */
gsize          _sb_chunk_decoder_feed        (SbChunkDecoder *self,
                                              const guint8   *data,
                                              gsize           len);
void           _sb_chunk_decoder_skip        (SbChunkDecoder *self,
                                              guint64         len);

/* One direction of one connection. */
typedef struct _SbHttpSocket SbHttpSocket;

typedef struct
{
  SbHttpSocket   *socket;         /* borrowed: the owner */
  SbHttpKind      kind;
  gboolean        received;
  guint64         offset;         /* bytes seen this way so far */
  guint           next_sequence;
  gsize           blank;          /* line ends in a row between messages */
  gboolean        raw;            /* not HTTP from here on: bytes go to current */
  SbHttpMessage  *current;        /* borrowed from messages; NULL between messages */
  GPtrArray      *messages;       /* owned: this way's messages in order */
  GPtrArray      *findable;       /* borrowed: those with events since the last clear */

  /* the head being read */
  GByteArray     *head;
  guint           line_state;     /* 1 after LF, 2 after LF CR: an LF then ends the head */
  guint           start_len;      /* bytes of the start line checked */
  gboolean        start_ok;

  /* the body being read */
  guint64         body_remaining; /* Content-Length framing */
  SbChunkDecoder  chunks;
} SbHttpDirection;

struct _SbHttpSocket
{
  guint           socket_id;
  SbSide          side;
  gboolean        side_known;
  gboolean        switched;       /* 101 or CONNECT: what follows is not HTTP */
  GListStore     *messages;       /* both ways, in the order they began */
  SbHttpDirection ways[2];        /* [0] sent, [1] received */
};

#define SB_HTTP_BUFFER_SIZE (16 * 1024)

struct _SbHttpFollower
{
  GObject         parent_instance;

  /* owned references */
  SbCapture      *capture;
  GHashTable     *sockets;        /* socket id → SbHttpSocket */
  GPtrArray      *pending;        /* messages touched by the event being followed */
  guint8         *buffer;         /* SB_HTTP_BUFFER_SIZE bytes read from the capture */

  guint           next_index;     /* first capture event not followed yet */
  gboolean        scanning;
};

/* sb-http-stream.c */
void           _sb_http_direction_init       (SbHttpDirection *way,
                                              SbHttpSocket    *socket,
                                              gboolean         received);
void           _sb_http_direction_clear      (SbHttpDirection *way);
void           _sb_http_direction_feed       (SbHttpFollower  *follower,
                                              SbHttpDirection *way,
                                              guint            index,
                                              gsize            len);
/* EOF, shutdown, close or reset: nothing more comes this way. */
void           _sb_http_direction_end        (SbHttpFollower  *follower,
                                              SbHttpDirection *way);

/* sb-http-follower.c: records that @message changed in event @index
 * (G_MAXUINT when it carried none of its bytes). */
void           _sb_http_follower_touch       (SbHttpFollower  *follower,
                                              SbHttpMessage   *message,
                                              guint            index);
SbHttpMessage *_sb_http_follower_find_request (SbHttpSocket   *socket,
                                               guint           sequence);

G_END_DECLS
