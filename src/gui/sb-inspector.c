/* sb-inspector.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-inspector"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sb-capture.h"
#include "sb-datagram-facts.h"
#include "sb-event.h"
#include "sb-http-view.h"
#include "sb-inspector.h"
#include "sb-pane-util.h"
#include "sb-payload.h"
#include "sb-stream-view.h"

/* Larger payloads are shown cut; Copy still copies all of them. */
#define SHOWN_MAX (64 * 1024)
/* Labels show at most this many characters of summary and Python. */
#define LABEL_MAX 600

typedef enum
{
  VIEW_TEXT,
  VIEW_HEXDUMP,
  VIEW_PYTHON,
  VIEW_C_ARRAY,
  N_VIEWS
} View;

static const struct
{
  const char *name;
  const char *tab;
  const char *title;
  const char *copy_label;
  gboolean    wrap;
} views[N_VIEWS] = {
  { "text",    N_("Text"),   N_("Text"),           N_("Copy text"),           TRUE },
  { "hexdump", N_("Hex"),    N_("Hex dump"),       N_("Copy hex dump"),       FALSE },
  { "python",  N_("Python"), N_("Python literal"), N_("Copy Python literal"), TRUE },
  { "c-array", N_("C"),      N_("C array"),        N_("Copy C array"),        FALSE },
};

struct _SbInspector
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkLabel    *summary_label;
  GtkLabel    *python_label;
  GtkBox      *datagram_box;
  GtkLabel    *reason_label;
  GtkStack    *payload_stack;
  GtkLabel    *none_label;
  GtkLabel    *cut_label;
  GtkStack    *views_stack;
  GtkStack    *copy_stack;

  /* borrowed, owned by views_stack */
  GtkTextView *text_views[N_VIEWS];
  SbStreamView *stream_view;
  SbHttpView   *http_view;
  GtkLabel     *fact_labels[SB_N_DATAGRAM_FACTS];  /* in datagram_box */

  /* owned */
  SbEvent     *event;
  GBytes      *shown;             /* the first SHOWN_MAX bytes of the payload */
  gboolean     rendered[N_VIEWS];
  int          room;              /* the widest the inspector can be, or -1 */
  char        *connection_page;   /* HTTP or Follow Stream, left for a UDP event */
  gboolean     datagram;          /* the event's socket is UDP */
};

G_DEFINE_FINAL_TYPE (SbInspector, sb_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_CONNECTION_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
render (View          view,
        const guint8 *data,
        gsize         len)
{
  switch (view)
    {
    case VIEW_TEXT:
      return sb_payload_to_escaped (data, len, 0);

    case VIEW_HEXDUMP:
      return sb_payload_to_hexdump (data, len);

    case VIEW_PYTHON:
      return sb_payload_to_python (data, len);

    case VIEW_C_ARRAY:
      return sb_payload_to_c_array (data, len, "payload");

    case N_VIEWS:
    default:
      g_assert_not_reached ();
    }
}

static int
visible_view (SbInspector *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->views_stack);

  for (int i = 0; i < N_VIEWS; i++)
    {
      if (g_strcmp0 (name, views[i].name) == 0)
        return i;
    }
  return -1;
}

/* Pango hyphenates where it breaks a word (GTK 4.8 has no text view
 * property for it): a tag over the whole text turns that off, so that no
 * byte shows that was never sent, and keeps the font monospace. */
static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "payload", &start, &end);
}

/* The hex dump asks for the width of its 16 columns and its ASCII column
 * in the view's font (at the current zoom): the inspector takes that room
 * from the log while it shows, rather than cutting the ASCII column off. */
static void
fit_hexdump (SbInspector *self)
{
  GtkTextView *view = self->text_views[VIEW_HEXDUMP];
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  g_autofree char *line = sb_payload_to_hexdump ((const guint8 *) "0123456789abcdef", 16);
  g_autoptr(PangoLayout) layout = NULL;
  int width = 0;

  g_strchomp (line);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), line);
  pango_layout_get_pixel_size (layout, &width, NULL);
  width += gtk_text_view_get_left_margin (view) + gtk_text_view_get_right_margin (view);
  /* The frame, and a vertical scrollbar that may overlay the last column. */
  width += 2 + 12;
  /* Never more than the window has beside the log's minimum: past that
   * the dump scrolls sideways rather than pushing the window wider. */
  if (self->room > 0)
    width = MIN (width, self->room - 2 * 12);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), MAX (width, -1));
}

/* Only the page on screen is formatted; the others when they are shown. */
static void
render_visible (SbInspector *self)
{
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize len;
  int view = visible_view (self);

  if (view < 0 || self->rendered[view] || self->shown == NULL)
    return;

  data = g_bytes_get_data (self->shown, &len);
  text = view == VIEW_TEXT ? sb_payload_to_escaped_lines (data, len) : render (view, data, len);
  set_view_text (self->text_views[view], text);
  self->rendered[view] = TRUE;
  if (view == VIEW_HEXDUMP)
    fit_hexdump (self);
}

/* The payload views of an event without bytes say so instead; the
 * connection's views (HTTP, Follow Stream) show for any event. */
static void
show_payload_or_none (SbInspector *self)
{
  gboolean none = self->event != NULL && self->shown == NULL && visible_view (self) >= 0;

  if (self->payload_stack != NULL)
    gtk_stack_set_visible_child_name (self->payload_stack, none ? "none" : "views");
}

static void
visible_view_changed_cb (SbInspector *self,
                         GParamSpec  *pspec,
                         GtkStack    *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);
  gboolean has_copy = name != NULL && self->copy_stack != NULL &&
                      gtk_stack_get_child_by_name (self->copy_stack, name) != NULL;

  /* Each payload view has its own Copy button, shown next to the
   * switcher; Follow Stream has its own inside. */
  if (has_copy)
    gtk_stack_set_visible_child_name (self->copy_stack, name);
  if (self->copy_stack != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->copy_stack), has_copy);
  /* The event's Python statement belongs to its bytes; the connection's
   * views get its lines, which at 1024x768 are few. */
  if (self->python_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->python_label), visible_view (self) >= 0);
  if (self->summary_label != NULL)
    gtk_label_set_lines (self->summary_label, visible_view (self) >= 0 ? 3 : 1);
  show_payload_or_none (self);
  render_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_VIEW]);
}

void
sb_inspector_show_view (SbInspector *self,
                        const char  *name)
{
  GtkWidget *child;

  g_return_if_fail (SB_IS_INSPECTOR (self));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (self->views_stack, name);
  if (child != NULL && gtk_widget_get_visible (child))
    gtk_stack_set_visible_child (self->views_stack, child);
}

gboolean
sb_inspector_get_connection_view (SbInspector *self)
{
  g_return_val_if_fail (SB_IS_INSPECTOR (self), FALSE);

  return self->views_stack != NULL
         && gtk_stack_get_visible_child_name (self->views_stack) != NULL
         && visible_view (self) < 0;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbInspector *self = SB_INSPECTOR (widget);
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *text = NULL;
  guint view = g_variant_get_uint32 (param);
  const guint8 *data;
  gsize len;

  g_return_if_fail (view < N_VIEWS);
  if (self->event == NULL)
    return;

  payload = sb_event_dup_payload (self->event);
  data = payload != NULL ? g_bytes_get_data (payload, &len) : NULL;
  if (data == NULL)
    len = 0;
  text = render (view, data, len);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
set_label_cut (GtkLabel   *label,
               const char *text)
{
  /* An empty label would be read out as its type name; hide it instead. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, text == NULL || *text == '\0',
                               -1);

  if (text != NULL && g_utf8_strlen (text, LABEL_MAX + 1) > LABEL_MAX)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, LABEL_MAX);
      g_autofree char *shown = g_strconcat (cut, "…", NULL);

      gtk_label_set_text (label, shown);
    }
  else
    {
      gtk_label_set_text (label, text != NULL ? text : "");
    }
}

/* UDP: the datagram's facts, one label each, named by the fact; HTTP
 * and Follow Stream hidden, with the reason, and shown again for the next
 * TCP event (on the page that was left, if it was one of them). */
static void
show_datagram_facts (SbInspector *self)
{
  gboolean datagram = self->event != NULL && sb_datagram_facts_applies (self->event);
  gboolean any = FALSE;
  GtkWidget *http = GTK_WIDGET (self->http_view);
  GtkWidget *stream = GTK_WIDGET (self->stream_view);

  for (guint i = 0; i < SB_N_DATAGRAM_FACTS; i++)
    {
      g_autofree char *text = datagram ? sb_datagram_fact_dup_text (self->event, i) : NULL;
      g_autofree char *line = NULL;
      const char *name = datagram ? sb_datagram_fact_get_name (self->event, i) : NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->fact_labels[i]), text != NULL);
      if (text == NULL)
        {
          gtk_label_set_text (self->fact_labels[i], "");
          continue;
        }
      /* Translators: a fact of a datagram, "Sender: ('127.0.0.1', 51515)" */
      line = g_strdup_printf (_("%s: %s"), name, text);
      gtk_label_set_text (self->fact_labels[i], line);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->fact_labels[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->datagram_box), any);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), datagram);

  if (datagram == self->datagram)
    return;
  self->datagram = datagram;

  if (datagram)
    {
      const char *page = gtk_stack_get_visible_child_name (self->views_stack);

      g_free (self->connection_page);
      self->connection_page = g_strcmp0 (page, "http") == 0 || g_strcmp0 (page, "stream") == 0
                              ? g_strdup (page) : NULL;
      if (self->connection_page != NULL)
        gtk_stack_set_visible_child_name (self->views_stack, views[VIEW_TEXT].name);
    }
  /* The switcher follows the pages' visibility, the stack its children's. */
  gtk_stack_page_set_visible (gtk_stack_get_page (self->views_stack, http), !datagram);
  gtk_stack_page_set_visible (gtk_stack_get_page (self->views_stack, stream), !datagram);
  gtk_widget_set_visible (http, !datagram);
  gtk_widget_set_visible (stream, !datagram);
  if (!datagram && self->connection_page != NULL)
    {
      gtk_stack_set_visible_child_name (self->views_stack, self->connection_page);
      g_clear_pointer (&self->connection_page, g_free);
    }
}

static void
update (SbInspector *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *python = NULL;
  guint8 *buffer;
  gsize total, len;

  g_clear_pointer (&self->shown, g_bytes_unref);
  for (guint i = 0; i < N_VIEWS; i++)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_views[i]), "", 0);
      self->rendered[i] = FALSE;
    }

  if (self->event == NULL)
    {
      /* Assistive technologies still reach the labels of the hidden page:
       * leave nothing of an event that is gone. */
      gtk_label_set_text (self->summary_label, "");
      gtk_label_set_text (self->python_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      show_datagram_facts (self);
      sb_stream_view_set_socket (self->stream_view, NULL, 0);
      sb_http_view_set_event (self->http_view, NULL);
      return;
    }

  show_datagram_facts (self);
  if (self->datagram)
    {
      sb_stream_view_set_socket (self->stream_view, NULL, 0);
      sb_http_view_set_event (self->http_view, NULL);
    }
  else
    {
      sb_stream_view_set_socket (self->stream_view, sb_event_get_capture (self->event),
                                 sb_event_get_socket_id (self->event));
      sb_http_view_set_event (self->http_view, self->event);
    }

  summary = sb_event_dup_summary (self->event);
  python = sb_event_dup_python (self->event);
  set_label_cut (self->summary_label, summary);
  set_label_cut (self->python_label, python);
  gtk_stack_set_visible_child_name (self->stack, "event");

  total = sb_event_get_payload_length (self->event);
  if (total == 0)
    {
      /* A send or recv whose bytes were dropped past the memory budget. */
      if (sb_event_get_result (self->event) > 0 &&
          (sb_event_get_kind (self->event) == SB_EVENT_SEND ||
           sb_event_get_kind (self->event) == SB_EVENT_RECV ||
           sb_event_get_kind (self->event) == SB_EVENT_SENDTO ||
           sb_event_get_kind (self->event) == SB_EVENT_RECVFROM))
        {
          g_autofree char *gap = sb_capture_dup_gap_text ((guint64) sb_event_get_result (self->event));
          /* Translators: "65536 bytes not retained: the capture was full …" */
          g_autofree char *text = g_strdup_printf (_("%s: the capture was full and kept counts "
                                                     "only"), gap);

          gtk_label_set_text (self->none_label, text);
        }
      else if (sb_event_get_result (self->event) == 0
               && sb_event_get_kind (self->event) == SB_EVENT_RECVFROM)
        gtk_label_set_text (self->none_label,
                            _("An empty datagram: 0 bytes, a datagram of its own, not an end "
                              "of file"));
      else if (sb_event_get_result (self->event) == 0
               && sb_event_get_kind (self->event) == SB_EVENT_SENDTO)
        gtk_label_set_text (self->none_label, _("An empty datagram: 0 bytes"));
      else
        gtk_label_set_text (self->none_label, _("This event carries no bytes"));
      gtk_widget_set_visible (GTK_WIDGET (self->cut_label), FALSE);
      show_payload_or_none (self);
      return;
    }

  buffer = g_malloc (MIN (total, SHOWN_MAX));
  len = sb_capture_copy_payload (sb_event_get_capture (self->event),
                                 sb_event_get_index (self->event),
                                 0, buffer, MIN (total, SHOWN_MAX));
  self->shown = g_bytes_new_take (buffer, len);

  if (total > SHOWN_MAX)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("showing the first 64 KiB of %zu bytes"),
                                 total);
      gtk_label_set_text (self->cut_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cut_label), total > SHOWN_MAX);

  show_payload_or_none (self);
  render_visible (self);
}

static void
add_view (SbInspector *self,
          View         view)
{
  GtkWidget *scroller, *text_view, *button;
  GtkStackPage *page;

  text_view = gtk_text_view_new ();
  gtk_widget_set_name (text_view, views[view].name);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (text_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view),
                               views[view].wrap ? GTK_WRAP_CHAR : GTK_WRAP_NONE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), "payload",
                              "insert-hyphens", FALSE,
                              "family", "monospace",
                              NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(views[view].title),
                                  -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text_view);

  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _(views[view].copy_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(views[view].copy_label),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "inspector.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) view);
  gtk_stack_add_named (self->copy_stack, button, views[view].name);

  page = gtk_stack_add_titled (self->views_stack, scroller, views[view].name,
                               _(views[view].tab));
  gtk_stack_page_set_use_underline (page, FALSE);
  self->text_views[view] = GTK_TEXT_VIEW (text_view);
}

static void
add_datagram_facts (SbInspector *self)
{
  for (guint i = 0; i < SB_N_DATAGRAM_FACTS; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_visible (label, FALSE);
      gtk_box_append (self->datagram_box, label);
      self->fact_labels[i] = GTK_LABEL (label);
    }
}

static void
add_connection_views (SbInspector *self)
{
  GtkStackPage *page;

  self->http_view = sb_http_view_new ();
  page = gtk_stack_add_titled (self->views_stack, GTK_WIDGET (self->http_view), "http",
                               _("HTTP"));
  gtk_stack_page_set_use_underline (page, FALSE);

  self->stream_view = sb_stream_view_new ();
  page = gtk_stack_add_titled (self->views_stack, GTK_WIDGET (self->stream_view), "stream",
                               _("Follow Stream"));
  gtk_stack_page_set_use_underline (page, FALSE);
}

void
sb_inspector_set_room (SbInspector *self,
                       int          room)
{
  g_return_if_fail (SB_IS_INSPECTOR (self));

  if (self->room == room)
    return;
  self->room = room;
  if (self->rendered[VIEW_HEXDUMP])
    fit_hexdump (self);
}

static void
sb_inspector_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  SbInspector *self = SB_INSPECTOR (widget);

  GTK_WIDGET_CLASS (sb_inspector_parent_class)->css_changed (widget, change);
  /* The zoom changes the font: the dump's columns take another width. */
  if (self->rendered[VIEW_HEXDUMP])
    fit_hexdump (self);
}

SbInspector *
sb_inspector_new (void)
{
  return g_object_new (SB_TYPE_INSPECTOR, NULL);
}

void
sb_inspector_set_http_follower (SbInspector    *self,
                                SbHttpFollower *follower)
{
  g_return_if_fail (SB_IS_INSPECTOR (self));

  sb_http_view_set_follower (self->http_view, follower);
}

SbEvent *
sb_inspector_get_event (SbInspector *self)
{
  g_return_val_if_fail (SB_IS_INSPECTOR (self), NULL);

  return self->event;
}

void
sb_inspector_set_event (SbInspector *self,
                        SbEvent     *event)
{
  g_return_if_fail (SB_IS_INSPECTOR (self));
  g_return_if_fail (event == NULL || SB_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

static void
sb_inspector_dispose (GObject *object)
{
  SbInspector *self = SB_INSPECTOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_INSPECTOR);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->event);
  g_clear_pointer (&self->shown, g_bytes_unref);
  g_clear_pointer (&self->connection_page, g_free);

  G_OBJECT_CLASS (sb_inspector_parent_class)->dispose (object);
}

static void
sb_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbInspector *self = SB_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_CONNECTION_VIEW:
      g_value_set_boolean (value, sb_inspector_get_connection_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbInspector *self = SB_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      sb_inspector_set_event (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_inspector_class_init (SbInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_inspector_dispose;
  object_class->get_property = sb_inspector_get_property;
  object_class->set_property = sb_inspector_set_property;
  widget_class->css_changed = sb_inspector_css_changed;

  /**
   * SbInspector:event:
   *
   * The event shown, or %NULL for the empty state.
   */
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         SB_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbInspector:connection-view:
   *
   * Whether a view of the whole connection (HTTP, Follow Stream) is shown
   * rather than one event's bytes: those want height to be read.
   */
  properties[PROP_CONNECTION_VIEW] =
    g_param_spec_boolean ("connection-view", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, SbInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, python_label);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, datagram_box);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, reason_label);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, payload_stack);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, none_label);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, cut_label);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, views_stack);
  gtk_widget_class_bind_template_child (widget_class, SbInspector, copy_stack);
  gtk_widget_class_bind_template_callback (widget_class, visible_view_changed_cb);

  gtk_widget_class_install_action (widget_class, "inspector.copy", "u", copy_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbinspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_inspector_init (SbInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->room = -1;

  for (guint i = 0; i < N_VIEWS; i++)
    add_view (self, i);
  add_connection_views (self);
  add_datagram_facts (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"),
                                  -1);
  set_label_cut (self->summary_label, NULL);
  set_label_cut (self->python_label, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
