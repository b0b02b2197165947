/* sb-pane-util.h
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-message-input.h"
#include "sb-types.h"

G_BEGIN_DECLS

/* Small helpers the client and server panes share. */

/* Marks @entry as invalid and shows @error's message in @label, under the
 * field; the text stays as typed, the cursor goes to @offset. */
void        sb_field_show_error        (GtkWidget     *entry,
                                        GtkLabel      *label,
                                        const GError  *error,
                                        gsize          offset);
void        sb_field_clear_error       (GtkWidget     *entry,
                                        GtkLabel      *label);

/* Sets @widget's sensitivity; when it turns insensitive with the keyboard
 * focus inside, the focus moves to @next first (a focused GtkText that turns
 * insensitive never gets its focus-out, and GTK warns). */
void        sb_widget_set_sensitive_keep_focus (GtkWidget *widget,
                                                gboolean   sensitive,
                                                GtkWidget *next);

/* For dispose: gtk_widget_dispose_template() unparents only the children
 * bound to fields; this unparents the rest (rows and boxes of a template). */
void        sb_widget_unparent_children (GtkWidget *widget);

/* A dialog over @parent with @heading, @body and a Close button: for what
 * went wrong that the user must read (a file not written, no help viewer). */
void        sb_show_message_dialog     (GtkWindow     *parent,
                                        const char    *heading,
                                        const char    *body);

/* A dialog over @parent for a save, open or export under way: @heading,
 * @body, a progress bar named @bar_name and Cancel, which cancels
 * @cancellable.  A response closes it by itself: keep it in *@slot, which
 * is cleared when it goes (close it early with sb_progress_dialog_close). */
void        sb_progress_dialog_show    (GtkWidget    **slot,
                                        GtkWindow     *parent,
                                        const char    *heading,
                                        const char    *body,
                                        const char    *bar_name,
                                        GCancellable  *cancellable);
void        sb_progress_dialog_update  (GtkWidget     *dialog,
                                        double         fraction,
                                        const char    *body);
void        sb_progress_dialog_close   (GtkWidget    **slot);

/* Shows @message as a toast in the window holding @widget (win.toast). */
void        sb_widget_toast            (GtkWidget     *widget,
                                        const char    *message);

/* Toasts @message about a call on @stream that failed, unless the peer
 * left (state PEER_LEFT): the log's neutral row and the state say so, and
 * there is nothing for the user to act on. */
void        sb_widget_toast_stream_error (GtkWidget   *widget,
                                          SbStream    *stream,
                                          const char  *message);

/* Sets @label's text; its accessible name stays @name (GtkLabel makes its
 * text its name), so that it reads as "TCP state: ESTABLISHED". */
void        sb_label_set_value         (GtkLabel      *label,
                                        const char    *text,
                                        const char    *name);
/* Sets @widget's tooltip only when it changes: on X11 each
 * gtk_widget_set_tooltip_text() asks the server where the pointer is, a
 * round trip that rows bound by the thousand cannot afford. */
void        sb_widget_set_tooltip      (GtkWidget     *widget,
                                        const char    *text);

/* The receive row (Auto-receive, Receive size, Receive) the TCP and UDP
 * controls share.  Binds the switch and the spin button to @settings'
 * "auto-receive" and "receive-size": read once, changes saved; the two
 * panes do not follow each other, but both take what Preferences sets
 * (SbApplication::preference-set). */
void        sb_receive_row_bind_settings (GtkSwitch     *auto_receive_switch,
                                          GtkSpinButton *receive_size_spin,
                                          GSettings     *settings);
/* Binds the switch and the spin button both ways to @target's
 * "auto-receive" and "receive-size", adding the bindings to @bindings.
 * With @from_target the target's values show at once, otherwise the
 * controls' values go to it. */
void        sb_receive_row_bind      (GtkSwitch     *auto_receive_switch,
                                      GtkSpinButton *receive_size_spin,
                                      gpointer       target,
                                      gboolean       from_target,
                                      GPtrArray     *bindings);
/* Compact: @receive_button goes beside Send in @input's button row and
 * @input folds to one line; otherwise both go back. */
void        sb_receive_row_set_compact (GtkWidget      *receive_button,
                                        SbMessageInput *input,
                                        gboolean        compact);

/* Removes every binding in @bindings (of GBinding) and empties it. */
void        sb_bindings_unbind_all     (GPtrArray     *bindings);

/* Gives a state pill one colour class: "success", "warning", "error",
 * "accent", or none for NULL. */
void        sb_pill_set_tone           (GtkWidget     *pill,
                                        const char    *tone);
const char *sb_stream_state_tone       (SbStreamState  state);

/* The rows of a "Protocol" drop-down, in order. */
typedef enum
{
  SB_PROTOCOL_TCP,
  SB_PROTOCOL_UDP,
} SbProtocol;

/* Fills a "Protocol" drop-down: TCP (selected) and UDP.  Listen to
 * notify::selected for a change. */
void        sb_protocol_dropdown_setup (GtkDropDown   *dropdown);
SbProtocol  sb_protocol_dropdown_get   (GtkDropDown   *dropdown);
/* Keeps the drop-down's choice in @key ("tcp" or "udp") of @settings. */
void        sb_protocol_dropdown_bind_settings (GtkDropDown *dropdown,
                                                GSettings   *settings,
                                                const char  *key);

/* Gives the button inside @dropdown the accessible name @name, and hides
 * the placeholder label GTK keeps for "no selection" from screen readers. */
void        sb_dropdown_name_button    (GtkDropDown   *dropdown,
                                        const char    *name);

G_END_DECLS
