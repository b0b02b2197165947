/* sb-step-buttons.c
 *
 * Copyright 2026 The Sockbench developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-step-buttons"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-pane-util.h"
#include "sb-step-buttons.h"

struct _SbStepButtons
{
  GtkWidget  parent_instance;

  /* children */
  GtkWidget *row;
  GtkLabel  *error_label;
};

G_DEFINE_FINAL_TYPE (SbStepButtons, sb_step_buttons, GTK_TYPE_WIDGET)

/* The call that can be made next stands out. */
static void
button_sensitive_cb (GtkWidget  *button,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  if (gtk_widget_get_sensitive (button))
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_remove_css_class (button, "suggested-action");
}

GtkWidget *
sb_step_buttons_new (void)
{
  return g_object_new (SB_TYPE_STEP_BUTTONS, NULL);
}

void
sb_step_buttons_add_call (SbStepButtons *self,
                          const char    *call,
                          const char    *action_name,
                          const char    *tooltip)
{
  GtkWidget *button;

  g_return_if_fail (SB_IS_STEP_BUTTONS (self));
  g_return_if_fail (call != NULL);
  g_return_if_fail (action_name != NULL);

  if (gtk_widget_get_first_child (self->row) != NULL)
    {
      /* An arrow reads the order; it says nothing a screen reader needs. */
      GtkWidget *arrow = gtk_label_new ("→");

      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      gtk_box_append (GTK_BOX (self->row), arrow);
    }

  button = gtk_button_new_with_label (call);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "step-call");
  g_signal_connect (button, "notify::sensitive", G_CALLBACK (button_sensitive_cb), NULL);
  gtk_box_append (GTK_BOX (self->row), button);
  button_sensitive_cb (button, NULL, NULL);
}

static GtkWidget *
find_call (SbStepButtons *self,
           const char    *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ACTIONABLE (child)
        && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
      return child;

  return NULL;
}

void
sb_step_buttons_set_call_visible (SbStepButtons *self,
                                  const char    *action_name,
                                  gboolean       visible)
{
  GtkWidget *button;
  GtkWidget *arrow;

  g_return_if_fail (SB_IS_STEP_BUTTONS (self));
  g_return_if_fail (action_name != NULL);

  button = find_call (self, action_name);
  g_return_if_fail (button != NULL);

  gtk_widget_set_visible (button, visible);
  arrow = gtk_widget_get_prev_sibling (button);
  if (GTK_IS_LABEL (arrow))
    gtk_widget_set_visible (arrow, visible);
}

void
sb_step_buttons_set_call_tooltip (SbStepButtons *self,
                                  const char    *action_name,
                                  const char    *tooltip)
{
  GtkWidget *button;

  g_return_if_fail (SB_IS_STEP_BUTTONS (self));
  g_return_if_fail (action_name != NULL);

  button = find_call (self, action_name);
  g_return_if_fail (button != NULL);

  gtk_widget_set_tooltip_text (button, tooltip);
}

void
sb_step_buttons_set_error (SbStepButtons *self,
                           const char    *message)
{
  g_return_if_fail (SB_IS_STEP_BUTTONS (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
sb_step_buttons_get_error (SbStepButtons *self)
{
  g_return_val_if_fail (SB_IS_STEP_BUTTONS (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

static void
sb_step_buttons_dispose (GObject *object)
{
  sb_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (sb_step_buttons_parent_class)->dispose (object);
}

static void
sb_step_buttons_class_init (SbStepButtonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_step_buttons_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "stepbuttons");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sb_step_buttons_init (SbStepButtons *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Calls"), -1);

  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_parent (self->row, GTK_WIDGET (self));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->error_label), GTK_WIDGET (self));
}
