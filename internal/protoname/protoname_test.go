package protoname

import "testing"

func TestNames(t *testing.T) {
	t.Parallel()
	tests := []struct{ snake, camel string }{
		{"", ""},
		{"name", "name"},
		{"history_size_bytes", "historySizeBytes"},
		{"workflow_id", "workflowId"},
		{"a_b_c", "aBC"},
	}
	for _, tt := range tests {
		if got := Snake(tt.camel); got != tt.snake {
			t.Errorf("Snake(%q) = %q, want %q", tt.camel, got, tt.snake)
		}
		if got := LowerCamel(tt.snake); got != tt.camel {
			t.Errorf("LowerCamel(%q) = %q, want %q", tt.snake, got, tt.camel)
		}
	}
	// A proto name with a digit or a double underscore after an
	// underscore has no lowerCamel name that maps back to it.
	for _, snake := range []string{"a__b", "a_1"} {
		if back := Snake(LowerCamel(snake)); back == snake {
			t.Errorf("Snake(LowerCamel(%q)) = %q, want it to differ", snake, back)
		}
	}
}
