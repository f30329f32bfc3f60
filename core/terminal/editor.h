// The terminal's full-screen editors over a host's file: vi (Vi, editor.cpp) and
// GNU nano (Nano, editor_nano.cpp), behind one interface the Terminal and
// `kubetab run` drive; the file and line handling they share is TextBuffer
// (editor_buffer.cpp).
//
// vi, as the sandbox terminal runs it: a small modal editor for the tutorials'
// `vim deployment.yml` + paste + `:wq`. Normal mode (h j k l, arrows,
// 0 ^ $, w b, gg G, x, dd, yy, p P, u, i a A I o O, n, ZZ), insert mode (typing and
// pasting, Enter, Backspace, arrows, Esc), the command line (:w :q :wq :x :q! :N)
// and / search. The screen is redrawn in full after each batch of keys. Long lines
// are cut at the right edge rather than wrapped.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/terminal/command_context.h"

namespace kt::term {

// The lines of a file being edited and what both editors do to them.
struct TextBuffer {
  std::vector<std::string> lines = {""};

  struct Loaded {
    bool is_dir = false;
    bool exists = false;
    std::size_t bytes = 0;
  };
  // Reads path into lines (split at "\n"; keep_last_empty: a final "\n" leaves an
  // empty last line, as nano's buffer ends in one). A missing file: one empty line.
  Loaded load(const FileSystem& fs, const std::string& path, bool keep_last_empty);
  // Lines joined by "\n", each ending in one ("" for a single empty line).
  std::string text() const;
  // Enter at (row, col): the rest of the line moves to a new line below.
  void split(std::size_t row, std::size_t col);
  // Backspace at the start of row: row joins the line above; the column where it
  // joined. row > 0.
  std::size_t join_up(std::size_t row);

  // The editing keys vi's insert mode and nano share, at the cursor (row, col), which
  // they move. Enter splits the line; Backspace deletes left, joining at a line's
  // start; Delete deletes right, joining at a line's end. True when the text changed.
  void enter(std::size_t& row, std::size_t& col);
  bool backspace(std::size_t& row, std::size_t& col);
  bool delete_right(std::size_t row, std::size_t col);
};

// One key at a time: a byte, or a whole escape sequence ("\x1b[A"); "\x1b" alone is Esc.
class Editor {
 public:
  virtual ~Editor() = default;
  virtual void key(std::string_view k) = 0;
  // The whole screen (ANSI), cursor placed.
  virtual std::string render() const = 0;
  virtual void resize(int cols, int rows) = 0;
  // The editor exited (vi's :q, :wq, ZZ; nano's ^X): the terminal goes back.
  virtual bool done() const = 0;
};

// "vi" (vim too) or "nano", on path of fs (a missing file is a new one); cols × rows
// is the screen.
std::unique_ptr<Editor> make_editor(const std::string& program, FileSystem& fs, std::string path, int cols, int rows);

class Vi : public Editor {
 public:
  Vi(FileSystem& fs, std::string path, int cols, int rows);

  void key(std::string_view k) override;
  std::string render() const override;
  void resize(int cols, int rows) override;
  bool done() const override { return done_; }

 private:
  enum class Mode { Normal, Insert, Command, Search };

  void normal(std::string_view k);
  void insert(std::string_view k);
  void command_line(std::string_view k);
  void execute(const std::string& cmd);
  bool write_file();
  void snapshot();
  void clamp(bool insert_mode);
  void scroll();
  void search(bool from_next);
  std::size_t first_nonblank(std::size_t row) const;

  FileSystem& fs_;
  std::string path_;
  int cols_, rows_;
  TextBuffer buf_;
  std::vector<std::string>& lines_ = buf_.lines;
  std::size_t row_ = 0, col_ = 0, top_ = 0;
  Mode mode_ = Mode::Normal;
  std::string pending_;   // a normal-mode prefix: "d", "y", "g", "Z"
  std::string cmdline_;   // after ':' or '/'
  std::string message_;   // the bottom line
  std::string last_search_;
  std::vector<std::string> yank_;  // whole lines
  struct State {
    std::vector<std::string> lines;
    std::size_t row, col;
  };
  std::vector<State> undo_;
  bool modified_ = false;
  bool done_ = false;
  bool last_was_cr_ = false;  // "\r\n" in a paste is one line break
};

}  // namespace kt::term
