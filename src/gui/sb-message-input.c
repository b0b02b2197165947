/* sb-message-input.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-message-input"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-compact.h"
#include "sb-message-input.h"
#include "sb-pane-util.h"
#include "sb-payload.h"

#define HISTORY_MAX 50
#define MENU_LABEL_MAX 48
/* The text area's height in the usual layout, and its margins (as the
 * template has them; halved above and below when compact). */
#define MIN_CONTENT_HEIGHT 56
#define TEXT_MARGIN        6

struct _SbMessageInput
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkTextView       *text_view;
  GtkLabel          *error_label;
  GtkSwitch         *hex_switch;
  GtkMenuButton     *presets_button;
  GtkMenuButton     *history_button;
  GtkWidget         *send_button;

  /* owned */
  GtkTextTag        *error_tag;
  GtkTextTag        *no_hyphens_tag;
  GPtrArray         *history;      /* escaped text, newest first */
  GMenu             *history_menu;
  GMenu             *presets_menu; /* the fixed section, then the pane's own */
  GStrv              more_presets; /* escaped text of the pane's own section */

  guint              revert_id;
  gboolean           can_send;
  gboolean           converting;
  gboolean           compact;
};

G_DEFINE_FINAL_TYPE (SbMessageInput, sb_message_input, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_SEND,
  PROP_HEX,
  PROP_COMPACT,
  N_PROPS
};

enum {
  SEND,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Escaped text, exactly as sb_payload_to_escaped() would print the bytes. */
static const struct
{
  const char *label;
  const char *text;
} presets[] = {
  { NULL, "GET /index.html HTTP/1.0\\r\\n\\r\\n" },
  { NULL, "Hello World" },
  { NULL, "Hello Yourself" },
  { NULL, "Goodbye" },
  { N_("HTTP reply: <h1>Hello World</h1>"),
    "HTTP/1.0 200 OK\\r\\nContent-type: text/html\\r\\n\\r\\n<h1>Hello World</h1>" },
};

static GtkTextBuffer *
get_buffer (SbMessageInput *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

static char *
dup_buffer_text (SbMessageInput *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, TRUE);
}

static void
clear_error (SbMessageInput *self)
{
  GtkTextIter start, end;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  gtk_text_buffer_remove_tag (get_buffer (self), self->error_tag, &start, &end);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->scroller), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
show_error (SbMessageInput *self,
            const GError   *error,
            gsize           offset)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->scroller), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_view),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  if (gtk_text_buffer_get_char_count (buffer) == 0)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) MIN (offset, G_MAXINT));
  if (gtk_text_iter_is_end (&start))
    gtk_text_iter_backward_char (&start);
  end = start;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
  /* Laying out a view that has no size yet can take very long. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    {
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_text_view_scroll_mark_onscreen (self->text_view, gtk_text_buffer_get_insert (buffer));
    }
}

/* Parses the input in the current mode; on failure marks it and returns NULL. */
static GBytes *
parse_input (SbMessageInput *self,
             SbPayloadFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_buffer_text (self);
  GBytes *bytes;
  gsize offset = 0;

  clear_error (self);
  bytes = sb_payload_parse (text, format, &offset, &error);
  if (bytes == NULL)
    show_error (self, error, offset);
  return bytes;
}

static SbPayloadFormat
current_format (SbMessageInput *self)
{
  return gtk_switch_get_active (self->hex_switch) ? SB_PAYLOAD_HEX : SB_PAYLOAD_TEXT;
}

static void
set_text_in_mode (SbMessageInput *self,
                  const char     *text,
                  gboolean        hex)
{
  self->converting = TRUE;
  gtk_switch_set_active (self->hex_switch, hex);
  self->converting = FALSE;
  gtk_text_buffer_set_text (get_buffer (self), text, -1);
  clear_error (self);
}

static gboolean
revert_hex_cb (gpointer data)
{
  SbMessageInput *self = data;

  self->revert_id = 0;
  self->converting = TRUE;
  gtk_switch_set_active (self->hex_switch, !gtk_switch_get_active (self->hex_switch));
  self->converting = FALSE;
  return G_SOURCE_REMOVE;
}

static void
hex_active_changed_cb (SbMessageInput *self,
                       GParamSpec     *pspec,
                       GtkSwitch      *hex_switch)
{
  gboolean hex = gtk_switch_get_active (hex_switch);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *converted = NULL;
  const guint8 *data;
  gsize len;

  if (self->converting)
    return;

  if (gtk_text_buffer_get_char_count (get_buffer (self)) == 0)
    {
      clear_error (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEX]);
      return;
    }

  /* Convert what is there from the old mode; leave it alone if it does not
   * parse, and go back to the old mode so that text and mode agree. */
  bytes = parse_input (self, hex ? SB_PAYLOAD_TEXT : SB_PAYLOAD_HEX);
  if (bytes == NULL)
    {
      /* Not from inside the switch's own notification: it re-enters. */
      if (self->revert_id == 0)
        self->revert_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, revert_hex_cb, self, NULL);
      return;
    }

  data = g_bytes_get_data (bytes, &len);
  if (hex)
    converted = sb_payload_to_hex (data, len);
  else
    converted = sb_payload_to_escaped (data, len, 0);
  gtk_text_buffer_set_text (get_buffer (self), converted, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEX]);
}

static void
buffer_changed_cb (SbMessageInput *self,
                   GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;

  clear_error (self);

  /* Where the text wraps inside a word, Pango would show a hyphen that is
   * not part of the message. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->no_hyphens_tag, &start, &end);
}

/* Menu labels: one line, not too long, and no mnemonic underscores. */
static char *
menu_label_for (const char *text)
{
  g_autoptr(GString) label = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = text; *p != '\0' && n < MENU_LABEL_MAX; p = g_utf8_next_char (p), n++)
    {
      if (*p == '_')
        g_string_append (label, "__");
      else
        g_string_append_unichar (label, g_utf8_get_char (p));
    }
  if (*p != '\0')
    g_string_append (label, "…");
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static void
rebuild_history_menu (SbMessageInput *self)
{
  g_menu_remove_all (self->history_menu);
  for (guint i = 0; i < self->history->len; i++)
    {
      g_autofree char *label = menu_label_for (g_ptr_array_index (self->history, i));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "message.history", "u", i);
      g_menu_append_item (self->history_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_button), self->history->len > 0);
}

static void
remember (SbMessageInput *self,
          GBytes         *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  char *escaped = sb_payload_to_escaped (data, len, 0);

  for (guint i = 0; i < self->history->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->history, i), escaped))
        {
          g_ptr_array_remove_index (self->history, i);
          break;
        }
    }
  g_ptr_array_insert (self->history, 0, escaped);
  if (self->history->len > HISTORY_MAX)
    g_ptr_array_set_size (self->history, HISTORY_MAX);
  rebuild_history_menu (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (widget);
  g_autoptr(GBytes) bytes = NULL;

  if (!self->can_send)
    return;

  bytes = parse_input (self, current_format (self));
  if (bytes == NULL)
    return;

  remember (self, bytes);
  g_signal_emit (self, signals[SEND], 0, bytes);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (widget);
  guint i = g_variant_get_uint32 (param);

  g_return_if_fail (i < G_N_ELEMENTS (presets));
  set_text_in_mode (self, presets[i].text, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEX]);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (widget);
  guint i = g_variant_get_uint32 (param);

  g_return_if_fail (i < self->history->len);
  set_text_in_mode (self, g_ptr_array_index (self->history, i), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEX]);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
more_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (widget);
  guint i = g_variant_get_uint32 (param);

  g_return_if_fail (self->more_presets != NULL && i < g_strv_length (self->more_presets));
  set_text_in_mode (self, self->more_presets[i], FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEX]);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static GMenuModel *
create_presets_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      label = presets[i].label != NULL ? g_strdup (_(presets[i].label))
                                       : menu_label_for (presets[i].text);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "message.preset", "u", i);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

SbMessageInput *
sb_message_input_new (void)
{
  return g_object_new (SB_TYPE_MESSAGE_INPUT, NULL);
}

void
sb_message_input_set_more_presets (SbMessageInput     *self,
                                   const char         *title,
                                   const char * const *labels,
                                   const char * const *texts)
{
  g_autoptr(GMenu) section = NULL;

  g_return_if_fail (SB_IS_MESSAGE_INPUT (self));
  g_return_if_fail ((labels == NULL) == (texts == NULL));
  g_return_if_fail (labels == NULL
                    || g_strv_length ((GStrv) labels) == g_strv_length ((GStrv) texts));

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->presets_menu)) > 1)
    g_menu_remove (self->presets_menu, 1);
  g_clear_pointer (&self->more_presets, g_strfreev);

  if (labels == NULL || labels[0] == NULL)
    return;

  self->more_presets = g_strdupv ((GStrv) texts);
  section = g_menu_new ();
  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (labels[i], NULL);

      g_menu_item_set_action_and_target (item, "message.more-preset", "u", i);
      g_menu_append_item (section, item);
    }
  g_menu_append_section (self->presets_menu, title, G_MENU_MODEL (section));
}

gboolean
sb_message_input_get_can_send (SbMessageInput *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INPUT (self), FALSE);

  return self->can_send;
}

void
sb_message_input_set_can_send (SbMessageInput *self,
                               gboolean        can_send)
{
  g_return_if_fail (SB_IS_MESSAGE_INPUT (self));

  can_send = !!can_send;
  if (self->can_send == can_send)
    return;

  self->can_send = can_send;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.send", can_send);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

gboolean
sb_message_input_get_hex (SbMessageInput *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INPUT (self), FALSE);

  return gtk_switch_get_active (self->hex_switch);
}

void
sb_message_input_set_hex (SbMessageInput *self,
                          gboolean        hex)
{
  g_return_if_fail (SB_IS_MESSAGE_INPUT (self));

  /* Goes through the same conversion as the user flipping the switch. */
  gtk_switch_set_active (self->hex_switch, hex);
}

char *
sb_message_input_dup_text (SbMessageInput *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INPUT (self), NULL);

  return dup_buffer_text (self);
}

void
sb_message_input_set_text (SbMessageInput *self,
                           const char     *text)
{
  g_return_if_fail (SB_IS_MESSAGE_INPUT (self));

  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
  clear_error (self);
}

gboolean
sb_message_input_get_compact (SbMessageInput *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INPUT (self), FALSE);

  return self->compact;
}

/* Compact: one line beside Send; Hex, presets and history hidden. */
void
sb_message_input_set_compact (SbMessageInput *self,
                              gboolean        compact)
{
  GtkLayoutManager *layout;

  g_return_if_fail (SB_IS_MESSAGE_INPUT (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout),
                                  compact ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* As high as the buttons beside it: a line, scrolled to the cursor.  No
   * scroll bar, whose own minimum height would be that of three lines. */
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER,
                                  compact ? GTK_POLICY_EXTERNAL : GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (self->scroller, compact ? -1 : MIN_CONTENT_HEIGHT);
  gtk_text_view_set_top_margin (self->text_view, compact ? TEXT_MARGIN / 2 : TEXT_MARGIN);
  gtk_text_view_set_bottom_margin (self->text_view, compact ? TEXT_MARGIN / 2 : TEXT_MARGIN);
  gtk_widget_set_hexpand (GTK_WIDGET (self->scroller), compact);
  gtk_widget_set_hexpand (self->send_button, !compact);
  gtk_widget_set_valign (gtk_widget_get_parent (self->send_button),
                         compact ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  sb_compact_apply (GTK_WIDGET (self), compact);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

GtkWidget *
sb_message_input_get_button_row (SbMessageInput *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INPUT (self), NULL);

  return gtk_widget_get_parent (self->send_button);
}

static gboolean
sb_message_input_grab_focus (GtkWidget *widget)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The text area takes any height given to the widget, but does not by itself
 * ask for more than its 3–4 lines: the pane sets vexpand if it wants more. */
static void
sb_message_input_compute_expand (GtkWidget *widget,
                                 gboolean  *hexpand_p,
                                 gboolean  *vexpand_p)
{
  *hexpand_p = FALSE;
  *vexpand_p = FALSE;
}

static void
sb_message_input_dispose (GObject *object)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (object);

  g_clear_handle_id (&self->revert_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MESSAGE_INPUT);
  sb_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->history_menu);
  g_clear_object (&self->presets_menu);

  G_OBJECT_CLASS (sb_message_input_parent_class)->dispose (object);
}

static void
sb_message_input_finalize (GObject *object)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->more_presets, g_strfreev);

  G_OBJECT_CLASS (sb_message_input_parent_class)->finalize (object);
}

static void
sb_message_input_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (object);

  switch (prop_id)
    {
    case PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case PROP_HEX:
      g_value_set_boolean (value, sb_message_input_get_hex (self));
      break;

    case PROP_COMPACT:
      g_value_set_boolean (value, sb_message_input_get_compact (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_message_input_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbMessageInput *self = SB_MESSAGE_INPUT (object);

  switch (prop_id)
    {
    case PROP_CAN_SEND:
      sb_message_input_set_can_send (self, g_value_get_boolean (value));
      break;

    case PROP_HEX:
      sb_message_input_set_hex (self, g_value_get_boolean (value));
      break;

    case PROP_COMPACT:
      sb_message_input_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_message_input_class_init (SbMessageInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_message_input_dispose;
  object_class->finalize = sb_message_input_finalize;
  object_class->get_property = sb_message_input_get_property;
  object_class->set_property = sb_message_input_set_property;

  widget_class->grab_focus = sb_message_input_grab_focus;
  widget_class->compute_expand = sb_message_input_compute_expand;

  /**
   * SbMessageInput:can-send:
   *
   * Whether the socket can send now; enables the message.send action.
   */
  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbMessageInput:hex:
   *
   * Whether the input is hex digits rather than text with escapes.
   */
  properties[PROP_HEX] =
    g_param_spec_boolean ("hex", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SbMessageInput:compact:
   *
   * Whether it shows its compact form, for the presentation layout.
   */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbMessageInput::send:
   * @self: the input
   * @bytes: the parsed message
   *
   * Emitted when the user sends a message that parses.
   */
  signals[SEND] =
    g_signal_new ("send",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sockbench/Sockbench/sb-message-input.ui");
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, text_view);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, hex_switch);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, presets_button);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, history_button);
  gtk_widget_class_bind_template_child (widget_class, SbMessageInput, send_button);
  gtk_widget_class_bind_template_callback (widget_class, hex_active_changed_cb);

  gtk_widget_class_install_action (widget_class, "message.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "message.preset", "u", preset_action);
  gtk_widget_class_install_action (widget_class, "message.more-preset", "u", more_preset_action);
  gtk_widget_class_install_action (widget_class, "message.history", "u", history_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbmessageinput");
}

static void
sb_message_input_init (SbMessageInput *self)
{
  g_autoptr(GMenuModel) presets_menu = NULL;
  GtkEventController *shortcuts;
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->history_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->history_button, G_MENU_MODEL (self->history_menu));
  presets_menu = create_presets_menu ();
  self->presets_menu = g_menu_new ();
  g_menu_append_section (self->presets_menu, NULL, presets_menu);
  gtk_menu_button_set_menu_model (self->presets_button, G_MENU_MODEL (self->presets_menu));

  self->no_hyphens_tag = gtk_text_buffer_create_tag (get_buffer (self), NULL,
                                                     "insert-hyphens", FALSE,
                                                     NULL);
  self->error_tag = gtk_text_buffer_create_tag (get_buffer (self), "error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "weight", PANGO_WEIGHT_BOLD,
                                                "background", "rgba(224,27,36,0.35)",
                                                NULL);
  g_signal_connect_object (get_buffer (self), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter sends; caught before the text view turns it into a newline. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("message.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "message.send", FALSE);
}
