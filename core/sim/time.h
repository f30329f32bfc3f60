// Virtual time. The simulation never reads a wall clock: every component asks the
// Simulator for now(). Time is microseconds since the Unix epoch (Kubernetes writes
// seconds in RFC 3339 timestamps and microseconds in MicroTime, e.g. Lease renewals).
#pragma once

#include <cstdint>

namespace kt::sim {

using Micros = std::int64_t;

struct Duration {
  Micros us = 0;
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {us + o.us}; }
  constexpr Duration operator-(Duration o) const { return {us - o.us}; }
  constexpr Duration operator*(std::int64_t k) const { return {us * k}; }
  constexpr double seconds() const { return static_cast<double>(us) / 1e6; }
};

constexpr Duration micros(std::int64_t n) { return {n}; }
constexpr Duration millis(std::int64_t n) { return {n * 1000}; }
constexpr Duration seconds(std::int64_t n) { return {n * 1000000}; }
constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
constexpr Duration hours(std::int64_t n) { return minutes(n * 60); }

struct Time {
  Micros us = 0;  // since 1970-01-01T00:00:00Z
  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return {us + d.us}; }
  constexpr Time operator-(Duration d) const { return {us - d.us}; }
  constexpr Duration operator-(Time o) const { return {us - o.us}; }
  constexpr std::int64_t unix_seconds() const { return us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000); }
};

}  // namespace kt::sim
