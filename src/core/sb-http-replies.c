/* sb-http-replies.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-http-replies"

#include "config.h"

#include <string.h>

#include "sb-http-replies.h"

typedef enum
{
  FIELD_STATUS,
  FIELD_HEADERS,
  FIELD_BODY,
  FIELD_PATH,
  FIELD_RULE,
} Field;

enum {
  PROP_0,
  PROP_HELLO_STATUS,
  PROP_HELLO_HEADERS,
  PROP_HELLO_BODY,
  PROP_NOT_FOUND_STATUS,
  PROP_NOT_FOUND_HEADERS,
  PROP_NOT_FOUND_BODY,
  PROP_REDIRECT_STATUS,
  PROP_REDIRECT_HEADERS,
  PROP_REDIRECT_BODY,
  PROP_ECHO_STATUS,
  PROP_ECHO_HEADERS,
  PROP_FILE_STATUS,
  PROP_FILE_HEADERS,
  PROP_FILE_PATH,
  PROP_RULE_INDEX,
  PROP_RULE_FAVICON,
  PROP_RULE_OTHER,
  N_PROPS
};

/* The defaults are the schema's (data/org.sockbench.Sockbench.gschema.xml);
 * test-http-reply checks that the two agree. */
static const struct
{
  const char      *name;
  SbHttpReplyKind  kind;
  Field            field;
  const char      *default_value;
} specs[N_PROPS] = {
  [PROP_HELLO_STATUS] = { "hello-status", SB_HTTP_REPLY_HELLO, FIELD_STATUS,
                          "HTTP/1.0 200 OK" },
  [PROP_HELLO_HEADERS] = { "hello-headers", SB_HTTP_REPLY_HELLO, FIELD_HEADERS,
                           "Content-type: text/html" },
  [PROP_HELLO_BODY] = { "hello-body", SB_HTTP_REPLY_HELLO, FIELD_BODY,
                        "<h1>Hello World</h1>" },
  [PROP_NOT_FOUND_STATUS] = { "not-found-status", SB_HTTP_REPLY_NOT_FOUND, FIELD_STATUS,
                              "HTTP/1.1 404 Not Found" },
  [PROP_NOT_FOUND_HEADERS] = { "not-found-headers", SB_HTTP_REPLY_NOT_FOUND, FIELD_HEADERS,
                               "Content-Type: text/html; charset=utf-8" },
  [PROP_NOT_FOUND_BODY] = { "not-found-body", SB_HTTP_REPLY_NOT_FOUND, FIELD_BODY,
                            "<h1>404 Not Found</h1>\n" },
  [PROP_REDIRECT_STATUS] = { "redirect-status", SB_HTTP_REPLY_REDIRECT, FIELD_STATUS,
                             "HTTP/1.1 302 Found" },
  [PROP_REDIRECT_HEADERS] = { "redirect-headers", SB_HTTP_REPLY_REDIRECT, FIELD_HEADERS,
                              "Location: /\nContent-Type: text/html; charset=utf-8" },
  [PROP_REDIRECT_BODY] = { "redirect-body", SB_HTTP_REPLY_REDIRECT, FIELD_BODY,
                           "<a href=\"/\">Found here</a>\n" },
  [PROP_ECHO_STATUS] = { "echo-status", SB_HTTP_REPLY_ECHO, FIELD_STATUS,
                         "HTTP/1.1 200 OK" },
  [PROP_ECHO_HEADERS] = { "echo-headers", SB_HTTP_REPLY_ECHO, FIELD_HEADERS,
                          "Content-Type: text/plain; charset=utf-8" },
  [PROP_FILE_STATUS] = { "file-status", SB_HTTP_REPLY_FILE, FIELD_STATUS,
                         "HTTP/1.1 200 OK" },
  [PROP_FILE_HEADERS] = { "file-headers", SB_HTTP_REPLY_FILE, FIELD_HEADERS, "" },
  [PROP_FILE_PATH] = { "file-path", SB_HTTP_REPLY_FILE, FIELD_PATH, "" },
  [PROP_RULE_INDEX] = { "rule-index", SB_HTTP_REPLY_HELLO, FIELD_RULE, "hello" },
  [PROP_RULE_FAVICON] = { "rule-favicon", SB_HTTP_REPLY_HELLO, FIELD_RULE, "not-found" },
  [PROP_RULE_OTHER] = { "rule-other", SB_HTTP_REPLY_HELLO, FIELD_RULE, "hello" },
};

struct _SbHttpReplies
{
  GObject  parent_instance;

  char    *values[N_PROPS];
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbHttpReplies, sb_http_replies, G_TYPE_OBJECT)

SbHttpReplies *
sb_http_replies_new (void)
{
  return g_object_new (SB_TYPE_HTTP_REPLIES, NULL);
}

static const char *
find_value (SbHttpReplies   *self,
            SbHttpReplyKind  kind,
            Field            field)
{
  for (guint i = 1; i < N_PROPS; i++)
    if (specs[i].kind == kind && specs[i].field == field)
      return self->values[i];

  return NULL;
}

const char *
sb_http_replies_get_status (SbHttpReplies   *self,
                            SbHttpReplyKind  kind)
{
  g_return_val_if_fail (SB_IS_HTTP_REPLIES (self), NULL);
  g_return_val_if_fail (kind < SB_HTTP_REPLY_N_KINDS, NULL);

  return find_value (self, kind, FIELD_STATUS);
}

const char *
sb_http_replies_get_headers (SbHttpReplies   *self,
                             SbHttpReplyKind  kind)
{
  g_return_val_if_fail (SB_IS_HTTP_REPLIES (self), NULL);
  g_return_val_if_fail (kind < SB_HTTP_REPLY_N_KINDS, NULL);

  return find_value (self, kind, FIELD_HEADERS);
}

const char *
sb_http_replies_get_body (SbHttpReplies   *self,
                          SbHttpReplyKind  kind)
{
  g_return_val_if_fail (SB_IS_HTTP_REPLIES (self), NULL);
  g_return_val_if_fail (kind < SB_HTTP_REPLY_N_KINDS, NULL);

  return find_value (self, kind, FIELD_BODY);
}

const char *
sb_http_replies_get_file_path (SbHttpReplies *self)
{
  g_return_val_if_fail (SB_IS_HTTP_REPLIES (self), NULL);

  return self->values[PROP_FILE_PATH];
}

SbHttpReplyKind
sb_http_replies_choose (SbHttpReplies *self,
                        const char    *target)
{
  g_autofree char *path = NULL;
  const char *start;
  guint prop = PROP_RULE_OTHER;

  g_return_val_if_fail (SB_IS_HTTP_REPLIES (self), SB_HTTP_REPLY_HELLO);

  if (target == NULL)
    target = "";

  /* The absolute form a proxy gets: "http://host:port/path". */
  start = target;
  if (g_ascii_strncasecmp (target, "http://", 7) == 0
      || g_ascii_strncasecmp (target, "https://", 8) == 0)
    {
      start = strchr (strstr (target, "//") + 2, '/');
      if (start == NULL)
        start = "/";
    }
  path = g_strndup (start, strcspn (start, "?#"));

  if (g_str_equal (path, "/") || g_str_equal (path, "/index.html"))
    prop = PROP_RULE_INDEX;
  else if (g_str_equal (path, "/favicon.ico"))
    prop = PROP_RULE_FAVICON;

  return sb_http_reply_kind_from_nick (self->values[prop]);
}

const char * const *
sb_http_replies_list_properties (void)
{
  static const char *names[N_PROPS];

  if (names[0] == NULL)
    for (guint i = 1; i < N_PROPS; i++)
      names[i - 1] = specs[i].name;

  return names;
}

static void
sb_http_replies_finalize (GObject *object)
{
  SbHttpReplies *self = SB_HTTP_REPLIES (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (sb_http_replies_parent_class)->finalize (object);
}

static void
sb_http_replies_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbHttpReplies *self = SB_HTTP_REPLIES (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_http_replies_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbHttpReplies *self = SB_HTTP_REPLIES (object);
  const char *text;

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  text = g_value_get_string (value);
  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->values[prop_id], text) == 0)
    return;

  g_free (self->values[prop_id]);
  self->values[prop_id] = g_strdup (text);
  g_object_notify_by_pspec (object, pspec);
}

static void
sb_http_replies_class_init (SbHttpRepliesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_http_replies_finalize;
  object_class->get_property = sb_http_replies_get_property;
  object_class->set_property = sb_http_replies_set_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (specs[i].name, NULL, NULL, specs[i].default_value,
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_http_replies_init (SbHttpReplies *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    self->values[i] = g_strdup (specs[i].default_value);
}
