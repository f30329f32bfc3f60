// The time-control bar above the cluster view: pause/resume, step, speed presets and
// the virtual clock. Returns what the user clicked; the app applies it.
#include <cinttypes>
#include <cstdio>

#include "imgui.h"
#include "wasm/ui/panels.h"

namespace kt::ui {
namespace {

constexpr double kSpeeds[] = {0.5, 1, 2, 5, 10, 60};
constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBringToFrontOnFocus;

// "2024-03-01 12:00:07 UTC" from Unix seconds, without the C library's time zone or
// locale state (days-to-civil algorithm of H. Hinnant, valid for the proleptic Gregorian
// calendar).
void format_utc(std::int64_t unix_seconds, char* out, std::size_t size) {
  std::int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  std::int64_t secs = unix_seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  std::snprintf(out, size, "%04" PRId64 "-%02" PRId64 "-%02" PRId64 " %02" PRId64 ":%02" PRId64
                ":%02" PRId64 " UTC",
                year, month, day, secs / 3600, secs / 60 % 60, secs % 60);
}

bool speed_button(double speed, bool selected) {
  char label[16];
  std::snprintf(label, sizeof label, "%gx", speed);
  if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label);
  if (selected) ImGui::PopStyleColor();
  return clicked;
}

}  // namespace

float time_bar_height() {
  return ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y;
}

std::optional<TimeCommand> draw_time_bar(const ClockView& clock, Rect where) {
  std::optional<TimeCommand> command;
  ImGui::SetNextWindowPos(ImVec2(where.x, where.y));
  ImGui::SetNextWindowSize(ImVec2(where.width, where.height));
  ImGui::Begin("Time", nullptr, kFixedWindow);

  if (ImGui::Button(clock.paused ? "Resume" : "Pause", ImVec2(64, 0))) {
    command = TimeCommand{clock.paused ? TimeCommand::Kind::Resume : TimeCommand::Kind::Pause};
  }
  ImGui::SameLine();
  if (ImGui::Button("Step")) command = TimeCommand{TimeCommand::Kind::Step};
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pause and run the next simulation event");

  ImGui::SameLine(0, 18);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("speed");
  for (double speed : kSpeeds) {
    ImGui::SameLine();
    if (speed_button(speed, speed == clock.speed)) command = TimeCommand{TimeCommand::Kind::SetSpeed, speed};
  }

  char when[40];
  format_utc(clock.now.unix_seconds(), when, sizeof when);
  ImGui::SameLine(0, 18);
  ImGui::Text("%s%s", when, clock.paused ? "  (paused)" : "");
  ImGui::SameLine(0, 18);
  ImGui::TextDisabled("%zu events queued", clock.pending_events);

  ImGui::End();
  return command;
}

}  // namespace kt::ui
