// compare(): the signed media binding against the file's (media.h), and how changes read.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hallmark/media.h"
#include "media/align.h"

namespace hallmark::media {
namespace {

using internal::Run;

// Timing changes smaller than these are what remuxing does (Matroska keeps milliseconds, and
// moves AAC priming by a frame; MPEG-TS counts 90 kHz ticks), not what a viewer notices.
// Sound later than the picture by up to 125 ms goes unnoticed (ITU-R BT.1359); a
// segment-and-concat round trip of a clip moves AAC by about 60 ms.
constexpr double kShiftTolerance = 0.1;          // Seconds, between two streams or packets.
constexpr double kDurationTolerance = 0.1;       // Seconds, of a stream's duration...
constexpr double kDurationRelTolerance = 0.002;  // ...or this fraction of it, if larger.
constexpr size_t kMaxRetimedRanges = 8;          // Per stream; more are summarised.
constexpr size_t kMaxLeadingPictures = 64;       // Open-GOP pictures looked at after a keyframe.
constexpr size_t kDelaySample = 9;               // Matched packets a stream's delay is read from.

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s < 0 && s > -0.005 ? 0.0 : s);
  return buf;
}

// "at 4.62 s" or "4.00–4.96 s"; times before the start show as 0.
std::string span_text(double a, double b) {
  a = std::max(a, 0.0);
  b = std::max(b, 0.0);
  const std::string sa = seconds_text(a), sb = seconds_text(b);
  return sa == sb ? "at " + sa + " s" : sa + "–" + sb + " s";
}

const StreamBinding* find_stream(const MediaBinding& m, const std::string& label) {
  for (const StreamBinding& s : m.streams) {
    if (s.label() == label) {
      return &s;
    }
  }
  return nullptr;
}

std::string noun_of(const StreamBinding& s) {
  if (s.kind == StreamKind::kImage) {
    return "unit";
  }
  return s.codec.rfind("pcm_", 0) == 0 ? "block" : "packet";
}

void widen(std::optional<double>& lo, std::optional<double>& hi, double t) {
  if (std::isnan(t)) {
    return;
  }
  lo = lo ? std::min(*lo, t) : t;
  hi = hi ? std::max(*hi, t) : t;
}

// The time of leaf `i` of `s`, the time after its last leaf for i == size, or NaN.
double time_at(const StreamBinding& s, uint64_t i) {
  if (s.times.empty()) {
    return std::nan("");
  }
  if (i < s.times.size()) {
    return s.times[i];
  }
  double last = std::nan("");
  for (auto it = s.times.rbegin(); it != s.times.rend() && std::isnan(last); ++it) {
    last = *it;
  }
  return last;
}

// What a viewer sees changed when leaves [first, first + count) of video stream `s` changed
// (count 0: something was inserted before `first`): those pictures and every one decoded
// before the next keyframe, which may reference them, plus pictures that follow that keyframe
// in decoding order but are shown before it (open GOP: they reference the pictures before).
void visible_span(const StreamBinding& s, uint64_t first, uint64_t count, ChangedRange& r) {
  if (s.keyframes.empty() || s.times.size() != s.leaves.size()) {
    return;
  }
  const uint64_t end = first + count;
  const auto k = std::lower_bound(s.keyframes.begin(), s.keyframes.end(), end);
  const uint64_t next_key = k == s.keyframes.end() ? s.times.size() : *k;
  std::optional<double> lo, hi;
  for (uint64_t i = first; i < next_key; ++i) {
    widen(lo, hi, s.times[i]);
  }
  if (next_key < s.times.size() && !std::isnan(s.times[next_key])) {
    const double key_time = s.times[next_key];
    for (uint64_t j = next_key + 1; j < s.times.size() && j <= next_key + kMaxLeadingPictures;
         ++j) {
      if (!std::isnan(s.times[j]) && s.times[j] < key_time) {
        widen(lo, hi, s.times[j]);
      }
    }
  }
  if (count == 0 && r.start_seconds) {
    widen(lo, hi, *r.start_seconds);
  }
  if (lo && hi) {
    r.visible_start_seconds = lo;
    r.visible_end_seconds = hi;
  }
}

ChangedRange make_range(const std::string& label, const StreamBinding& s, const StreamBinding& a,
                        const Run& run) {
  ChangedRange r;
  r.stream = label;
  r.first = run.first;
  r.count = run.count;
  r.actual_first = run.actual_first;
  r.actual_count = run.actual_count;
  r.noun = noun_of(s);
  if (s.kind == StreamKind::kImage) {
    // The signed unit names where units were replaced or removed, else the inserted ones.
    const StreamBinding& from = run.count > 0 ? s : a;
    const uint64_t f = run.count > 0 ? run.first : run.actual_first;
    const uint64_t n = run.count > 0 ? run.count : run.actual_count;
    for (uint64_t i = f; i < f + n && i < from.unit_names.size(); ++i) {
      r.units.push_back(from.unit_names[i]);
    }
    return r;
  }
  if (run.count > 0) {
    for (uint64_t i = run.first; i < run.first + run.count && i < s.times.size(); ++i) {
      widen(r.start_seconds, r.end_seconds, s.times[i]);
    }
    // A PCM block lasts until the next one begins (about a second), so its end is that.
    if (r.noun == "block" && run.first + run.count < s.times.size()) {
      widen(r.start_seconds, r.end_seconds, s.times[run.first + run.count]);
    }
  } else if (const double t = time_at(s, run.first); !std::isnan(t)) {
    r.start_seconds = t;
    r.end_seconds = t;
  }
  for (uint64_t i = run.actual_first; i < run.actual_first + run.actual_count && i < a.times.size();
       ++i) {
    widen(r.actual_start_seconds, r.actual_end_seconds, a.times[i]);
  }
  if (s.kind == StreamKind::kVideo) {
    visible_span(s, run.first, run.count, r);
  }
  return r;
}

// Leaves that match between the two sequences, given the runs where they differ.
template <typename F>
void for_each_match(uint64_t n, const std::vector<Run>& runs, F f) {
  uint64_t i = 0, j = 0;
  for (const Run& run : runs) {
    for (; i < run.first; ++i, ++j) {
      f(i, j);
    }
    i = run.first + run.count;
    j = run.actual_first + run.actual_count;
  }
  for (; i < n; ++i, ++j) {
    f(i, j);
  }
}

double median(std::vector<double> v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + long(mid), v.end());
  return v[mid];
}

// How far the file plays stream `s` later (+) than signed, from the matched packets (their
// median delay), else from the signed and actual starts.
struct StreamDelay {
  std::optional<double> delay;
  std::vector<std::pair<double, double>> matched;  // (signed time, delay) per matched leaf.
};

StreamDelay stream_delay(const StreamBinding& s, const StreamBinding& a,
                         const std::vector<Run>* runs) {
  StreamDelay out;
  if (runs != nullptr && s.times.size() == s.leaves.size() && a.times.size() == a.leaves.size()) {
    for_each_match(s.leaves.size(), *runs, [&](uint64_t i, uint64_t j) {
      if (j < a.times.size() && !std::isnan(s.times[i]) && !std::isnan(a.times[j])) {
        out.matched.emplace_back(s.times[i], a.times[j] - s.times[i]);
      }
    });
  }
  if (!out.matched.empty()) {
    // How the stream starts: the median of its first matched packets. What plays otherwise
    // later is then where the timing departs (after a splice, say), and packets after an
    // insertion or a cut do not move the reference.
    std::vector<double> d;
    for (size_t k = 0; k < out.matched.size() && k < kDelaySample; ++k) {
      d.push_back(out.matched[k].second);
    }
    out.delay = median(std::move(d));
  } else if (s.timing && a.timing) {
    out.delay = a.timing->start.seconds() - s.timing->start.seconds();
  }
  return out;
}

// Packets that play at other times than the rest of their stream: ranges of signed time; past
// kMaxRetimedRanges the last range is stretched over the rest.
void retimed_ranges(const std::string& label, const StreamDelay& d,
                    std::vector<TimingChange>& out) {
  std::optional<double> lo, hi;
  size_t ranges = 0;
  const auto close = [&] {
    if (!lo) {
      return;
    }
    if (ranges < kMaxRetimedRanges) {
      TimingChange t;
      t.kind = TimingChange::Kind::kRetimed;
      t.stream = label;
      t.start = *lo;
      t.end = *hi;
      out.push_back(t);
    } else {
      out.back().end = std::max(out.back().end, *hi);
    }
    ++ranges;
    lo.reset();
    hi.reset();
  };
  for (const auto& [t, delay] : d.matched) {
    if (std::fabs(delay - *d.delay) > kShiftTolerance) {
      widen(lo, hi, t);
    } else {
      close();
    }
  }
  close();
}

}  // namespace

std::string ChangedRange::describe() const {
  std::string text = stream + " ";
  const auto span = [&](uint64_t f, uint64_t n) {
    return n == 1 ? noun + " " + std::to_string(f)
                  : noun + "s " + std::to_string(f) + "–" + std::to_string(f + n - 1);
  };
  if (count == 0) {
    text += std::to_string(actual_count) + " " + noun + (actual_count == 1 ? "" : "s") +
            " inserted before " + noun + " " + std::to_string(first);
    if (start_seconds) {
      text += ", at " + seconds_text(std::max(*start_seconds, 0.0)) + " s";
    }
    if (actual_start_seconds && actual_end_seconds) {
      // The inserted packets' own times may come from elsewhere (FLAC numbers its frames).
      text += " (" + span_text(*actual_start_seconds, *actual_end_seconds) + " in this file)";
    }
  } else {
    text += span(first, count);
    if (actual_count == 0) {
      text += " removed";
    } else if (actual_count != count) {
      text += " replaced by " + std::to_string(actual_count) + " " + noun +
              (actual_count == 1 ? "" : "s");
    }
    if (start_seconds && end_seconds) {
      text += ", " + span_text(*start_seconds, *end_seconds);
    }
  }
  if (visible_start_seconds && visible_end_seconds &&
      (visible_start_seconds != start_seconds || visible_end_seconds != end_seconds)) {
    text += " (seen changed " + span_text(*visible_start_seconds, *visible_end_seconds) +
            ", to the next keyframe)";
  }
  if (!units.empty()) {
    text += " (";
    for (size_t i = 0; i < units.size() && i < 8; ++i) {
      text += (i > 0 ? ", " : "") + units[i];
    }
    text += units.size() > 8 ? ", ...)" : ")";
  }
  if (aux_only) {
    text += " (side info only)";
  }
  return text;
}

std::string TimingChange::describe() const {
  switch (kind) {
    case Kind::kSpeed: {
      char factor[32];
      std::snprintf(factor, sizeof factor, "%.3g", duration > 0 ? signed_duration / duration : 0.0);
      return stream + ": timing changed: " + seconds_text(signed_duration) + " s → " +
             seconds_text(duration) + " s (playback " + factor + "×)";
    }
    case Kind::kShift:
      return stream + " shifted " + (shift >= 0 ? "+" : "−") + seconds_text(std::fabs(shift)) +
             " s against " + against;
    case Kind::kRetimed:
      return stream + ": timing changed " + span_text(start, end);
  }
  return stream + ": timing changed";
}

Comparison compare(const MediaBinding& signed_binding, const MediaBinding& actual) {
  Comparison c;
  const bool timed = signed_binding.version >= 2;  // Timing is signed from version 2 on.
  c.metadata_changed = signed_binding.metadata_digest != actual.metadata_digest;
  c.rendering_changed = signed_binding.rendering_digest != actual.rendering_digest;
  c.rendering_removed =
      c.rendering_changed && actual.rendering_items == 0 &&
      signed_binding.claims.orientation.value_or(1) == actual.claims.orientation.value_or(1);
  c.trailer_changed = signed_binding.trailer != actual.trailer ||
                      signed_binding.trailer_size != actual.trailer_size;
  c.trailer_added = c.trailer_changed && !signed_binding.trailer && actual.trailer;
  c.trailer_removed = c.trailer_changed && signed_binding.trailer && !actual.trailer;
  c.trailer_size = actual.trailer_size;
  c.format_changed = signed_binding.format != actual.format;
  c.claims = compare_claims(signed_binding.claims, actual.claims, signed_binding.version);

  struct Delays {
    std::string label;
    StreamDelay delay;
    bool speed_changed = false;  // Then a shift against it means nothing.
  };
  std::vector<Delays> delays;
  bool roots_equal = true;
  for (const StreamBinding& s : signed_binding.streams) {
    const std::string label = s.label();
    const StreamBinding* a = find_stream(actual, label);
    if (a == nullptr) {
      c.missing_streams.push_back(label);
      roots_equal = false;
      continue;
    }
    if (a->codec != s.codec) {
      c.codec_changed.push_back(label);
      roots_equal = false;
      continue;
    }
    if (s.config != a->config) {
      c.config_changed.push_back(label);
    }
    const bool aux_differs = s.aux_root != a->aux_root;
    if (aux_differs) {
      c.aux_changed.push_back(label);
    }
    const bool usable = check_leaves(s).ok() && a->leaves.size() == a->leaf_count;
    std::vector<Run> runs;
    if (usable && s.root != a->root) {
      runs = internal::align_leaves(s.leaves, a->leaves);
    }
    if (timed && s.kind != StreamKind::kImage && s.timing) {
      delays.push_back({label, stream_delay(s, *a, usable ? &runs : nullptr)});
      if (a->timing) {
        const double ds = s.timing->duration.seconds(), da = a->timing->duration.seconds();
        if (std::fabs(da - ds) > std::max(kDurationTolerance, kDurationRelTolerance * ds)) {
          TimingChange t;
          t.kind = TimingChange::Kind::kSpeed;
          t.stream = label;
          t.signed_duration = ds;
          t.duration = da;
          c.timing.push_back(t);
          delays.back().speed_changed = true;
        } else if (delays.back().delay.delay && runs.empty()) {
          // Only where the content is as signed: after an insertion or a cut, later packets
          // play at other times as a consequence, and the content change says so.
          retimed_ranges(label, delays.back().delay, c.timing);
        }
      }
    }
    if (s.root == a->root && !aux_differs) {
      continue;
    }
    roots_equal = roots_equal && s.root == a->root;
    if (!usable) {
      if (s.root != a->root) {
        c.unlocalised.push_back(label);
      }
      continue;
    }
    std::vector<bool> covered(s.leaves.size(), false);
    for (const Run& run : runs) {
      c.changes.push_back(make_range(label, s, *a, run));
      std::fill(covered.begin() + long(run.first), covered.begin() + long(run.first + run.count),
                true);
    }
    if (aux_differs && !s.aux_leaves.empty() && s.aux_leaves.size() == a->aux_leaves.size()) {
      // Side-info changes where the picture data did not change.
      for (const Run& run : internal::align_leaves(s.aux_leaves, a->aux_leaves)) {
        uint64_t i = run.first;
        const uint64_t end = run.first + run.count;
        while (i < end) {
          if (covered[i]) {
            ++i;
            continue;
          }
          uint64_t j = i;
          while (j < end && !covered[j]) {
            ++j;
          }
          ChangedRange r = make_range(label, s, *a, {i, j - i, i, j - i});
          r.visible_start_seconds.reset();
          r.visible_end_seconds.reset();
          r.aux_only = true;
          c.changes.push_back(std::move(r));
          i = j;
        }
      }
    }
  }
  // Shifts against the first stream that plays at its signed speed (video#0 when there is
  // video and it does).
  std::erase_if(delays, [](const Delays& d) { return d.speed_changed || !d.delay.delay; });
  for (size_t k = 1; k < delays.size(); ++k) {
    const double shift = *delays[k].delay.delay - *delays[0].delay.delay;
    if (std::fabs(shift) > kShiftTolerance) {
      TimingChange t;
      t.kind = TimingChange::Kind::kShift;
      t.stream = delays[k].label;
      t.shift = shift;
      t.against = delays[0].label;
      c.timing.push_back(t);
    }
  }
  for (const StreamBinding& a : actual.streams) {
    if (find_stream(signed_binding, a.label()) == nullptr) {
      c.extra_streams.push_back(a.label());
      roots_equal = false;
    }
  }
  c.content_equal = roots_equal && signed_binding.content_root == actual.content_root;
  c.timing_equal = c.timing.empty();
  return c;
}

}  // namespace hallmark::media
