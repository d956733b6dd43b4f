// The only FFmpeg user: per-stream content leaves of audio and video (see av_streams.h and
// hallmark-media(7)).
#include "media/av_streams.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "hallmark/merkle.h"
#include "library_versions.h"
#include "media/audio.h"
#include "media/container_end.h"
#include "media/exif.h"
#include "media/hashing.h"
#include "media/nal.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/version.h>
#include <libavformat/avformat.h>
#include <libavformat/version.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/macros.h>
#include <libavutil/version.h>
}

namespace hallmark::media::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// FFmpeg is loaded when the first audio or video file is bound, not at process start:
// linked normally, its ~135 shared libraries cost every hallmark process about 20 ms even when
// no video is ever touched (key, trust, log commands, pictures). Each function used is looked
// up once; the headers still give the types, so the calls are checked as usual.
#define HALLMARK_FFMPEG_FUNCTIONS(X) \
  X(av_dict_free)                    \
  X(av_dict_get)                     \
  X(av_dict_set)                     \
  X(av_display_rotation_get)         \
  X(av_get_bits_per_sample)          \
  X(av_get_media_type_string)        \
  X(av_log_format_line2)             \
  X(av_log_set_callback)             \
  X(av_packet_alloc)                 \
  X(av_packet_free)                  \
  X(av_packet_move_ref)              \
  X(av_packet_unref)                 \
  X(av_read_frame)                   \
  X(av_stream_get_side_data)         \
  X(av_strerror)                     \
  X(avcodec_get_name)                \
  X(avformat_close_input)            \
  X(avformat_find_stream_info)       \
  X(avformat_open_input)             \
  X(avformat_version)                \
  X(avcodec_version)                 \
  X(av_version_info)                 \
  X(avformat_alloc_context)          \
  X(avio_alloc_context)              \
  X(avio_context_free)               \
  X(av_malloc)                       \
  X(av_free)

struct Ffmpeg {
#define HALLMARK_FF_MEMBER(name) decltype(&::name) name = nullptr;
  HALLMARK_FFMPEG_FUNCTIONS(HALLMARK_FF_MEMBER)
#undef HALLMARK_FF_MEMBER
};

// The libraries this build was compiled against, by soname.
constexpr const char* kLibraries[] = {
    "libavutil.so." AV_STRINGIFY(LIBAVUTIL_VERSION_MAJOR),
    "libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR),
    "libavformat.so." AV_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR),
};

// Loads FFmpeg once; kUnsupported naming what is missing if it cannot be.
Result<const Ffmpeg*> load_ffmpeg() {
  static const Result<const Ffmpeg*> loaded = []() -> Result<const Ffmpeg*> {
    static Ffmpeg api;
    void* handles[3] = {};
    for (size_t i = 0; i < 3; ++i) {
      // Kept loaded for the life of the process.
      handles[i] = ::dlopen(kLibraries[i], RTLD_NOW | RTLD_GLOBAL);
      if (handles[i] == nullptr) {
        return unsupported(std::string("audio and video need FFmpeg: cannot load ") +
                           kLibraries[i]);
      }
    }
    bool ok = true;
    auto find = [&](auto& slot, const char* name) {
      for (void* h : handles) {
        if (void* sym = ::dlsym(h, name)) {
          slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(sym);
          return;
        }
      }
      ok = false;
    };
#define HALLMARK_FF_FIND(name) find(api.name, #name);
    HALLMARK_FFMPEG_FUNCTIONS(HALLMARK_FF_FIND)
#undef HALLMARK_FF_FIND
    if (!ok) {
      return unsupported("the FFmpeg libraries found lack a function hallmark needs");
    }
    return &api;
  }();
  return loaded;
}

// The loaded API. Precondition: load_ffmpeg() succeeded (bind_av checks it first).
const Ffmpeg& ff() {
  return *load_ffmpeg().value();
}

// Demuxers hallmark lets libavformat use: containers and elementary streams of real media.
// Everything else (playlists, concat scripts, image2, tty, ...) is refused, so a crafted file
// cannot make the demuxer open other files or URLs. The file itself is read through FileIo,
// so no FFmpeg protocol is used at all, and any request to open another file is refused.
constexpr const char* kDemuxers =
    "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts,flv,live_flv,nut,wav,w64,aiff,ogg,flac,mp3,"
    "aac,ac3,eac3,h264,hevc,mpeg,mpegvideo,asf,avi,caf,amr,ape,mpc,mpc8,wv,au,dts,truehd,mlp,"
    "loas,latm";

// FFmpeg's log goes nowhere, except that the last error line of the calling thread is kept so
// a failure can say what libavformat saw ("moov atom not found").
thread_local std::string* g_log_capture = nullptr;

void log_callback(void* avcl, int level, const char* fmt, va_list vl) {
  if (level > AV_LOG_ERROR || g_log_capture == nullptr) {
    return;
  }
  char line[512];
  int print_prefix = 0;
  ff().av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &print_prefix);
  std::string text = line;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  if (!text.empty()) {
    *g_log_capture = text;
  }
}

class LogCapture {
 public:
  LogCapture() {
    static std::once_flag once;
    std::call_once(once, [] { ff().av_log_set_callback(log_callback); });
    previous_ = g_log_capture;
    g_log_capture = &last_;
  }
  ~LogCapture() { g_log_capture = previous_; }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  // "what: ffmpeg's last error line" or "what: error string of `err`".
  std::string describe(std::string_view what, int err) const {
    if (!last_.empty()) {
      return std::string(what) + ": " + last_;
    }
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    ff().av_strerror(err, buf, sizeof buf);
    std::string text = buf;
    std::transform(text.begin(), text.begin() + std::min<size_t>(1, text.size()), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return std::string(what) + ": " + text;
  }

 private:
  std::string last_;
  std::string* previous_;
};

struct FormatCloser {
  void operator()(AVFormatContext* f) const { ff().avformat_close_input(&f); }
};
struct PacketFreer {
  void operator()(AVPacket* p) const { ff().av_packet_free(&p); }
};

// The file, read through a 256 KiB buffer with pread instead of FFmpeg's file protocol and its
// 32 KiB one: an eighth of the system calls (the demuxer is the single-threaded part of
// the media binding), and no protocol at all for a crafted file to reach.
//
// For whole access units (see whole_access_units) FFmpeg is then switched to direct reads
// (read_packets_directly), so that a packet's data no longer goes through FFmpeg's buffer and
// a copy from it: a read of at least kDirectRead bytes (a video packet) goes from the page cache
// straight into the packet, and smaller ones (audio packets, headers) come out of a read-ahead
// cache of our own, so that they cost no system call each.
class FileIo {
 public:
  static constexpr int kBufferSize = 256 << 10;      // Stays in L2 while packets are cut from it.
  static constexpr size_t kDirectRead = 32 << 10;    // A system call costs about a 32 KiB copy.
  static constexpr size_t kReadAhead = kBufferSize;  // For reads smaller than that: as many
                                                     // system calls as FFmpeg's buffer.

  ~FileIo() {
    if (ctx_ != nullptr) {
      ff().av_free(ctx_->buffer);
      ff().avio_context_free(&ctx_);
    }
  }
  FileIo(const FileIo&) = delete;
  FileIo& operator=(const FileIo&) = delete;

  static Result<std::unique_ptr<FileIo>> open(const InputFile& file) {
    std::unique_ptr<FileIo> io(new FileIo(file));
    auto* buffer = static_cast<unsigned char*>(ff().av_malloc(kBufferSize));
    if (buffer == nullptr) {
      return internal_error("out of memory");
    }
    io->ctx_ = ff().avio_alloc_context(buffer, kBufferSize, 0, io.get(), &FileIo::read, nullptr,
                                       &FileIo::seek);
    if (io->ctx_ == nullptr) {
      ff().av_free(buffer);
      return internal_error("out of memory");
    }
    return io;
  }

  AVIOContext* context() { return ctx_; }

  // From now on FFmpeg reads packets through read() without its buffer (AVIOContext::direct).
  void read_packets_directly() {
    cache_.reset(new (std::nothrow) std::byte[kReadAhead]);
    if (cache_ != nullptr) {
      ctx_->direct = 1;
    }
  }

  // For AVFormatContext::io_open: a demuxer that asks to open another file or URL is refused.
  static int refuse_open(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) {
    return AVERROR(EPERM);
  }

 private:
  explicit FileIo(const InputFile& file) : file_(file), size_(int64_t(file.size())) {}

  static int read(void* opaque, uint8_t* buf, int size) {
    auto* io = static_cast<FileIo*>(opaque);
    std::span<std::byte> out(reinterpret_cast<std::byte*>(buf), size_t(size));
    Result<size_t> n = io->cache_ != nullptr ? io->read_cached(out) : io->read_at(out);
    if (!n.ok()) {
      return AVERROR(EIO);
    }
    if (*n == 0) {
      return AVERROR_EOF;
    }
    io->pos_ += int64_t(*n);
    return static_cast<int>(*n);
  }

  Result<size_t> read_at(std::span<std::byte> out) const {
    return file_.read_some(uint64_t(pos_), out);
  }

  // Some bytes at pos_: from the cache, or straight into `out` for a large read.
  Result<size_t> read_cached(std::span<std::byte> out) {
    if (pos_ < cache_pos_ || pos_ >= cache_pos_ + int64_t(cache_len_)) {
      if (out.size() >= kDirectRead) {
        return read_at(out);
      }
      Result<size_t> n = file_.read_some(uint64_t(pos_), std::span(cache_.get(), kReadAhead));
      HALLMARK_TRY(n);
      cache_pos_ = pos_;
      cache_len_ = *n;
    }
    const size_t offset = size_t(pos_ - cache_pos_);
    const size_t n = std::min(out.size(), cache_len_ - offset);
    std::memcpy(out.data(), cache_.get() + offset, n);
    return n;
  }

  static int64_t seek(void* opaque, int64_t offset, int whence) {
    auto* io = static_cast<FileIo*>(opaque);
    switch (whence & ~AVSEEK_FORCE) {
      case AVSEEK_SIZE:
        return io->size_;
      case SEEK_SET:
        break;
      case SEEK_CUR:
        offset += io->pos_;
        break;
      case SEEK_END:
        offset += io->size_;
        break;
      default:
        return AVERROR(EINVAL);
    }
    if (offset < 0) {
      return AVERROR(EINVAL);
    }
    io->pos_ = offset;
    return offset;
  }

  const InputFile& file_;
  int64_t pos_ = 0;
  const int64_t size_;
  AVIOContext* ctx_ = nullptr;
  std::unique_ptr<std::byte[]> cache_;  // Direct reads only: bytes [cache_pos_, + cache_len_).
  int64_t cache_pos_ = 0;
  size_t cache_len_ = 0;
};

ByteView packet_bytes(const AVPacket* pkt) {
  if (pkt->data == nullptr || pkt->size <= 0) {
    return {};
  }
  return {reinterpret_cast<const std::byte*>(pkt->data), size_t(pkt->size)};
}

bool is_pcm(AVCodecID id) {
  return id >= AV_CODEC_ID_PCM_S16LE && id < AV_CODEC_ID_ADPCM_IMA_QT &&
         ff().av_get_bits_per_sample(id) > 0;
}

// Whether every audio and video stream of `fmt` comes in whole access units that hallmark
// hashes as they are: H.264, HEVC or AAC in ISO BMFF or Matroska, whose samples and blocks are
// each one frame. FFmpeg's parsers would only re-read those frames' headers, about a tenth of
// the media binding's time. Other codecs keep their parsers: MP3 or MPEG video, for one, may
// need them to split a sample into frames the same way in every container.
bool whole_access_units(const AVFormatContext* fmt) {
  const std::string_view name = fmt->iformat->name;
  if (!name.starts_with("mov,") && !name.starts_with("matroska")) {
    return false;
  }
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVCodecParameters* par = fmt->streams[i]->codecpar;
    const bool av = par->codec_type == AVMEDIA_TYPE_VIDEO || par->codec_type == AVMEDIA_TYPE_AUDIO;
    if (av && par->codec_id != AV_CODEC_ID_H264 && par->codec_id != AV_CODEC_ID_HEVC &&
        par->codec_id != AV_CODEC_ID_AAC) {
      return false;
    }
  }
  return true;
}

// One bound stream and its normaliser.
struct Track {
  enum class Mode { kRaw, kNal, kAac, kPcm };
  AVStream* st = nullptr;
  Mode mode = Mode::kRaw;
  StreamBinding b;  // Leaves and aux leaves are moved in from the deques at the end.
  std::optional<NalNormaliser> nal;
  std::optional<PcmBlocker> pcm;         // Binding version 1: fixed one-second blocks.
  std::optional<PcmCdcBlocker> pcm_cdc;  // Version 2: content-defined blocks.
  uint64_t pcm_bytes_per_second = 1;
  std::optional<Digest> pcm_config;
  double pcm_start = kNaN;
  // Timing, in the stream's time base: the earliest presentation time and the latest end.
  int64_t min_pts = std::numeric_limits<int64_t>::max();
  int64_t max_end = std::numeric_limits<int64_t>::min();
  // Leaf slots, appended by the reading thread and filled by the hashing threads: a deque
  // never moves its elements when it grows.
  std::deque<Digest> leaves;
  std::deque<Digest> aux_leaves;
  std::atomic<uint64_t> malformed{0};
  uint64_t corrupt_flagged = 0;
  bool seen_visible = false;
};

// The leaf (and aux leaf) of one packet of a non-PCM track. Thread-safe for distinct slots:
// hashers are per thread and the NAL normaliser locks its parameter-set table.
void hash_packet(Track& t, ByteView data, Digest* leaf, Digest* aux) {
  thread_local LeafHasher hasher;
  switch (t.mode) {
    case Track::Mode::kNal: {
      const NalNormaliser::Packet p = t.nal->normalise(data);
      *leaf = p.leaf;
      *aux = p.aux_leaf;
      if (p.malformed) {
        t.malformed.fetch_add(1, std::memory_order_relaxed);
      }
      break;
    }
    case Track::Mode::kAac:
      for (ByteView payload : aac_payloads(data)) {
        hasher.add(payload);
      }
      *leaf = hasher.finish();
      break;
    default:
      *leaf = hasher.add(data).finish();
      break;
  }
}

// Hashes packets on the worker pool while the caller keeps demuxing: SHA-256 of the packet data
// is nearly all of the work, and packets are independent. Packets travel in batches (about
// 256 KiB or 64 packets), so small packets do not pay a task each; the batches waiting are
// bounded in bytes, so memory does not grow with the file, and when they are over the bound
// the demuxing thread hashes the oldest itself instead of waiting.
// The packets' data is never copied: a batch holds the packets FFmpeg filled, and hands them
// back to the demuxing thread once hashed, which unreferences them there (FFmpeg allocated their
// data on that thread; freeing it on another would make every allocation contend for the
// allocator's lock) and reuses the packet structures and batch vectors.
class PacketHasher {
 public:
  explicit PacketHasher(WorkerPool* pool) : group_(pool) {}
  ~PacketHasher() {
    try {
      (void)group_.wait();  // Nothing may use the packets after this.
    } catch (...) {
      // Rethrown by drain() already, unless an error ended the binding first.
    }
    recycle();
    for (const Job& job : pending_.jobs) {
      spare_.push_back(job.pkt);
    }
    for (AVPacket* p : spare_) {
      ff().av_packet_free(&p);  // Unreferences it too.
    }
  }
  PacketHasher(const PacketHasher&) = delete;
  PacketHasher& operator=(const PacketHasher&) = delete;

  // Hashes `size` bytes of the packet's data into the slots, now or later; may take over the
  // packet's reference. Called from the demuxing thread only.
  void submit(Track& t, AVPacket* pkt, size_t size, Digest* leaf, Digest* aux) {
    if (group_.inline_only()) {
      hash_packet(t, packet_bytes(pkt).first(size), leaf, aux);
      return;
    }
    AVPacket* held = spare_packet();
    if (held == nullptr) {  // Out of memory: hash here rather than fail.
      hash_packet(t, packet_bytes(pkt).first(size), leaf, aux);
      return;
    }
    ff().av_packet_move_ref(held, pkt);
    pending_.jobs.push_back(Job{&t, held, size, leaf, aux});
    pending_.bytes += size;
    if (pending_.bytes >= kBatchBytes || pending_.jobs.size() >= kBatchPackets) {
      flush();
    }
  }

  // Waits for every submitted packet (rethrowing what a hashing task threw).
  void drain() {
    flush();
    (void)group_.wait();  // The tasks return no Status.
    recycle();
  }

 private:
  // Small enough that queued packets are still in cache when hashed: 3% faster than 8 MiB
  // and 1 MiB batches on the 1.1 GB bench MP4 (eight alternating runs each, all faster).
  static constexpr size_t kMaxQueuedBytes = 2 << 20;
  static constexpr size_t kBatchBytes = 256 << 10;
  static constexpr size_t kBatchPackets = 64;
  struct Job {
    Track* t;
    AVPacket* pkt;
    size_t size;
    Digest* leaf;
    Digest* aux;
  };
  struct Batch {
    std::vector<Job> jobs;
    size_t bytes = 0;
  };

  AVPacket* spare_packet() {
    if (spare_.empty()) {
      recycle();
    }
    if (spare_.empty()) {
      return ff().av_packet_alloc();
    }
    AVPacket* p = spare_.back();
    spare_.pop_back();
    return p;
  }

  // Unreferences the packets of hashed batches and keeps their structures for reuse.
  void recycle() {
    {
      std::lock_guard lock(done_mu_);
      returned_.swap(done_);
    }
    for (Batch& b : returned_) {
      for (Job& job : b.jobs) {
        ff().av_packet_unref(job.pkt);
        spare_.push_back(job.pkt);
      }
      b.jobs.clear();
      if (free_batches_.size() < 64) {
        free_batches_.push_back(std::move(b.jobs));
      }
    }
    returned_.clear();
  }

  void flush() {
    if (pending_.jobs.empty()) {
      return;
    }
    // Over the bound: rather than wait for the pool, hash the oldest batches here.
    while (queued_bytes_.load(std::memory_order_relaxed) >= kMaxQueuedBytes && group_.run_one()) {
    }
    recycle();
    queued_bytes_.fetch_add(pending_.bytes, std::memory_order_relaxed);
    auto batch = std::make_shared<Batch>(std::move(pending_));
    group_.run([this, batch] {
      queued_bytes_.fetch_sub(batch->bytes, std::memory_order_relaxed);
      for (const Job& job : batch->jobs) {
        hash_packet(*job.t, packet_bytes(job.pkt).first(job.size), job.leaf, job.aux);
      }
      std::lock_guard lock(done_mu_);
      done_.push_back(std::move(*batch));
    });
    pending_ = Batch{};
    if (!free_batches_.empty()) {
      pending_.jobs = std::move(free_batches_.back());
      free_batches_.pop_back();
    }
  }

  // The demuxing thread's own: the batch being filled, spare packets and vectors.
  Batch pending_;
  std::vector<AVPacket*> spare_;
  std::vector<std::vector<Job>> free_batches_;
  std::vector<Batch> returned_;
  std::atomic<size_t> queued_bytes_{0};  // Submitted and not yet started.
  std::mutex done_mu_;
  std::vector<Batch> done_;  // Hashed, waiting to be recycled. Guarded by done_mu_.
  TaskGroup group_;          // Declared last: waited for before the rest goes.
};

// Degrees of the display rotation of a video stream, 0..359, from its display matrix.
int rotation_degrees(const AVStream* st) {
  size_t size = 0;
  const uint8_t* matrix = ff().av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (matrix == nullptr || size < 9 * sizeof(int32_t)) {
    return 0;
  }
  int32_t m[9];
  std::memcpy(m, matrix, sizeof m);
  const double r = ff().av_display_rotation_get(m);
  if (std::isnan(r)) {
    return 0;
  }
  long deg = std::lround(-r) % 360;
  return int(deg < 0 ? deg + 360 : deg);
}

// Container tags that muxers write on their own; they change with every remux, so they are
// not bound as metadata.
bool artefact_tag(std::string key, const std::string& value) {
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  static const char* const kArtefacts[] = {"encoder",
                                           "major_brand",
                                           "minor_version",
                                           "compatible_brands",
                                           "handler_name",
                                           "vendor_id",
                                           "duration",
                                           "bps",
                                           "number_of_frames",
                                           "number_of_bytes",
                                           "_statistics_writing_app",
                                           "_statistics_writing_date_utc",
                                           "_statistics_tags",
                                           "encoder_options",
                                           "variant_bitrate",
                                           "service_name",
                                           "service_provider",
                                           "file_package_umid"};
  for (const char* a : kArtefacts) {
    if (key == a) {
      return true;
    }
  }
  return key == "language" && value == "und";
}

void hash_tags(ItemHasher& h, std::string_view scope, const AVDictionary* dict) {
  std::map<std::string, std::string> tags;  // Sorted: containers store tags in any order.
  const AVDictionaryEntry* e = nullptr;
  while ((e = ff().av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) {
    if (!artefact_tag(e->key, e->value)) {
      std::string key = e->key;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return char(std::tolower(c)); });
      tags[key] = e->value;
    }
  }
  for (const auto& [key, value] : tags) {
    h.item(std::string(scope) + "/" + key, as_bytes(value));
  }
}

// A name or date tag as printable ASCII (others as '?'), at most 256 bytes; nullopt if empty.
std::optional<std::string> ascii_tag(const char* value) {
  if (value[0] == '\0') {
    return std::nullopt;
  }
  std::string s;
  for (const char* p = value; *p != '\0' && s.size() < 256; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    s.push_back(c >= 0x20 && c < 0x7F ? char(c) : '?');
  }
  return s;
}

std::optional<std::string> tag(const AVDictionary* dict, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (const AVDictionaryEntry* e = ff().av_dict_get(dict, key, nullptr, 0); e != nullptr) {
      if (std::optional<std::string> v = ascii_tag(e->value)) {
        return v;
      }
    }
  }
  return std::nullopt;
}

// ISO 6709 ("+37.4219-122.0840+010.000/", also DDMM.M / DDDMMSS forms): "lat,lon[,alt]".
std::optional<std::string> iso6709(const std::string& s) {
  size_t i = 0;
  const auto number = [&](int degree_digits) -> std::optional<double> {
    if (i >= s.size() || (s[i] != '+' && s[i] != '-')) {
      return std::nullopt;
    }
    const double sign = s[i] == '-' ? -1 : 1;
    size_t j = ++i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) {
      ++j;
    }
    const std::string digits = s.substr(i, j - i);
    i = j;
    if (digits.empty()) {
      return std::nullopt;
    }
    const size_t dot = std::min(digits.find('.'), digits.size());
    const double v = std::strtod(digits.c_str(), nullptr);
    if (degree_digits == 0 || dot <= size_t(degree_digits)) {
      return sign * v;
    }
    if (dot == size_t(degree_digits) + 2) {  // DDMM.M
      const double deg = std::floor(v / 100);
      return sign * (deg + (v - deg * 100) / 60);
    }
    if (dot == size_t(degree_digits) + 4) {  // DDMMSS.S
      const double deg = std::floor(v / 10000);
      const double min = std::floor((v - deg * 10000) / 100);
      return sign * (deg + min / 60 + (v - deg * 10000 - min * 100) / 3600);
    }
    return std::nullopt;
  };
  const std::optional<double> lat = number(2);
  const std::optional<double> lon = number(3);
  if (!lat || !lon || std::fabs(*lat) > 90 || std::fabs(*lon) > 180 || (*lat == 0 && *lon == 0)) {
    return std::nullopt;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", *lat, *lon);
  std::string out = buf;
  if (const std::optional<double> alt = number(0)) {
    std::snprintf(buf, sizeof buf, ",%.1f", *alt);
    out += buf;
  }
  return out;
}

void read_claims(const AVFormatContext* fmt, const MediaOptions& options, Claims& c) {
  const AVDictionary* m = fmt->metadata;
  // Free text keeps its UTF-8 (a caption is rarely ASCII); names and dates as before.
  for (const ClaimField& f : claim_fields()) {
    for (std::string_view key : f.av_tags) {
      const AVDictionaryEntry* e = ff().av_dict_get(m, std::string(key).c_str(), nullptr, 0);
      if (e == nullptr || f.text == nullptr) {
        continue;
      }
      if (std::optional<std::string> v = f.free_text ? claim_text(e->value) : ascii_tag(e->value)) {
        c.*f.text = std::move(v);
        break;
      }
    }
  }
  const std::optional<std::string> where =
      tag(m, {"com.apple.quicktime.location.ISO6709", "location", "location-eng"});
  if (where) {
    c.location_present = true;
    if (options.include_location) {
      c.location = iso6709(*where);
    }
  }
}

// The file offset where an elementary audio file's trailing tags begin (audio.h), or nullopt
// if the file cannot be read here (then nothing is cut).
std::optional<uint64_t> audio_data_end(const InputFile& file) {
  const uint64_t n = std::min<uint64_t>(file.size(), kTailSize);
  Result<Bytes> tail = file.read(file.size() - n, size_t(n));
  if (!tail.ok()) {
    return std::nullopt;
  }
  return trailing_tags_start(*tail, file.size());
}

std::string media_type_name(AVMediaType type) {
  const char* name = ff().av_get_media_type_string(type);
  return name != nullptr ? name : "unknown";
}

// The codec name a stream root uses (hallmark-media(7)): FFmpeg's, except that from version 2
// MPEG audio is one family whatever its layer (the MP4 demuxer calls MP2 "mp3"; the layer is
// in every frame header, so the packets still tell the layers apart).
std::string root_codec_name(const std::string& name, unsigned version) {
  if (version >= 2 && (name == "mp1" || name == "mp2" || name == "mp3")) {
    return "mpeg-audio";
  }
  return name;
}

// num/den in lowest terms, den > 0; nullopt if that does not fit in 64 bits.
std::optional<Rational> reduced(__int128 num, __int128 den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  __int128 a = num < 0 ? -num : num, b = den;
  while (b != 0) {
    const __int128 r = a % b;
    a = b;
    b = r;
  }
  if (a > 1) {
    num /= a;
    den /= a;
  }
  constexpr __int128 kMax = std::numeric_limits<int64_t>::max();
  if (num > kMax || -num > kMax || den > kMax) {
    return std::nullopt;
  }
  return Rational{int64_t(num), int64_t(den)};
}

// ticks x time_base as an exact fraction (to the microsecond if that does not fit).
Rational exact_seconds(int64_t ticks, AVRational tb) {
  if (tb.den == 0) {
    return {};
  }
  const __int128 num = __int128(ticks) * tb.num;
  if (std::optional<Rational> r = reduced(num, tb.den)) {
    return *r;
  }
  return reduced(num * 1000000 / tb.den, 1000000).value_or(Rational{});
}

class AvBinder {
 public:
  AvBinder(const InputFile& file, const std::string& format, const MediaOptions& options)
      : file_(file), format_(format), options_(options) {}

  Result<MediaBinding> run() {
    LogCapture log;
    Result<std::unique_ptr<FileIo>> io = FileIo::open(file_);
    HALLMARK_TRY(io);
    AVFormatContext* raw = ff().avformat_alloc_context();
    if (raw == nullptr) {
      return internal_error("out of memory");
    }
    raw->pb = (*io)->context();
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    raw->io_open = &FileIo::refuse_open;
    AVDictionary* opts = nullptr;
    ff().av_dict_set(&opts, "format_whitelist", kDemuxers, 0);
    // The name is only a hint for probing (its extension); the bytes come from FileIo. On
    // failure FFmpeg frees the context (not our I/O).
    const int opened = ff().avformat_open_input(&raw, file_.path().c_str(), nullptr, &opts);
    ff().av_dict_free(&opts);
    if (opened < 0) {
      return corrupt(log.describe(format_ + ": cannot open", opened));
    }
    std::unique_ptr<AVFormatContext, FormatCloser> fmt(raw);
    const bool whole_units = whole_access_units(fmt.get());
    if (whole_units) {
      fmt->flags |= AVFMT_FLAG_NOPARSE;  // Before any packet is read: parsers start on the first.
    }
    if (const int r = ff().avformat_find_stream_info(fmt.get(), nullptr); r < 0) {
      add_warning(out_.warnings, log.describe(format_ + ": stream info incomplete", r));
    }
    if (whole_units) {
      (*io)->read_packets_directly();  // Packets are read whole: nothing needs FFmpeg's buffer.
    }
    out_.format = format_;
    HALLMARK_TRY(select_streams(fmt.get()));
    if (format_ == "mp3" || format_ == "aac" || format_ == "ac3") {
      audio_end_ = audio_data_end(file_);
    }
    start_offset_ =
        fmt->start_time != AV_NOPTS_VALUE ? double(fmt->start_time) / AV_TIME_BASE : 0.0;
    std::unique_ptr<AVPacket, PacketFreer> pkt(ff().av_packet_alloc());
    if (!pkt) {
      return internal_error("out of memory");
    }
    // This thread demuxes and, whenever the batches waiting are over their bound, hashes too;
    // the pool's other threads hash.
    WorkerPool* pool = options_.pool;
    if (pool == nullptr) {
      const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
      pool = &own_pool_.emplace(options_.threads != 0 ? options_.threads : std::min(cores, 9u));
    }
    hasher_.emplace(pool);
    uint64_t packets = 0;
    int again = 0;
    while (true) {
      const int r = ff().av_read_frame(fmt.get(), pkt.get());
      if (r == AVERROR(EAGAIN) && ++again < 1000) {
        continue;
      }
      if (r < 0) {
        if (r != AVERROR_EOF) {
          add_warning(out_.warnings, log.describe(format_ + ": reading stopped after " +
                                                      std::to_string(packets) + " packets",
                                                  r));
        }
        break;
      }
      again = 0;
      ++packets;
      if (pkt->stream_index >= 0 && size_t(pkt->stream_index) < by_index_.size() &&
          by_index_[size_t(pkt->stream_index)] != nullptr) {
        process(*by_index_[size_t(pkt->stream_index)], pkt.get());
      }
      ff().av_packet_unref(pkt.get());
    }
    hasher_->drain();
    return finish(fmt.get());
  }

 private:
  Status select_streams(AVFormatContext* fmt) {
    by_index_.assign(fmt->nb_streams, nullptr);
    int videos = 0, audios = 0;
    std::vector<int> ignored_count(AVMEDIA_TYPE_NB + 1, 0);
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
      AVStream* st = fmt->streams[i];
      const AVCodecParameters* par = st->codecpar;
      const std::string codec = ff().avcodec_get_name(par->codec_id);
      const bool video = par->codec_type == AVMEDIA_TYPE_VIDEO;
      const bool audio = par->codec_type == AVMEDIA_TYPE_AUDIO;
      if (video && (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0) {
        out_.ignored.push_back("video " + codec + " (attached picture)");
        st->discard = AVDISCARD_ALL;
        continue;
      }
      if (!video && !audio) {
        const int type = par->codec_type >= 0 ? par->codec_type : AVMEDIA_TYPE_NB;
        out_.ignored.push_back(media_type_name(par->codec_type) + "#" +
                               std::to_string(ignored_count[size_t(type)]++) + " " + codec);
        st->discard = AVDISCARD_ALL;
        continue;
      }
      auto t = std::make_unique<Track>();
      t->st = st;
      t->b.kind = video ? StreamKind::kVideo : StreamKind::kAudio;
      t->b.ordinal = video ? videos++ : audios++;
      t->b.codec = root_codec_name(codec, options_.version);
      const ByteView extradata(
          reinterpret_cast<const std::byte*>(par->extradata),
          par->extradata != nullptr && par->extradata_size > 0 ? size_t(par->extradata_size) : 0);
      if (par->codec_id == AV_CODEC_ID_H264 || par->codec_id == AV_CODEC_ID_HEVC) {
        t->mode = Track::Mode::kNal;
        t->nal.emplace(par->codec_id == AV_CODEC_ID_H264 ? NalCodec::kH264 : NalCodec::kHevc,
                       extradata);
      } else if (par->codec_id == AV_CODEC_ID_AAC) {
        t->mode = Track::Mode::kAac;
      } else if (is_pcm(par->codec_id) && par->sample_rate > 0 && par->ch_layout.nb_channels > 0) {
        t->mode = Track::Mode::kPcm;
        const uint32_t width =
            std::max<uint32_t>(uint32_t(ff().av_get_bits_per_sample(par->codec_id)) / 8, 1);
        const uint32_t frame = width * uint32_t(par->ch_layout.nb_channels);
        t->pcm_bytes_per_second = uint64_t(par->sample_rate) * frame;
        if (options_.version >= 2) {
          // Big-endian samples are swapped to little-endian, and named so: AIFF and WAV copies
          // of one sound are one content.
          const bool big_endian = codec.size() > 2 && codec.compare(codec.size() - 2, 2, "be") == 0;
          t->pcm_cdc.emplace(t->pcm_bytes_per_second, frame, big_endian ? width : 0);
          if (big_endian) {
            t->b.codec = codec.substr(0, codec.size() - 2) + "le";
          }
        } else {
          t->pcm.emplace(t->pcm_bytes_per_second);
        }
        Sha256 sha;
        const std::byte tag = kConfigTag;
        const uint32_t v[2] = {uint32_t(par->sample_rate), uint32_t(par->ch_layout.nb_channels)};
        sha.update(ByteView(&tag, 1));
        for (uint32_t x : v) {
          const std::byte b[4] = {std::byte(x >> 24), std::byte(x >> 16), std::byte(x >> 8),
                                  std::byte(x)};
          sha.update(ByteView(b, 4));
        }
        t->pcm_config = sha.finish();
      }
      by_index_[i] = t.get();
      tracks_.push_back(std::move(t));
    }
    if (tracks_.empty()) {
      return unsupported(format_ + ": no audio or video stream");
    }
    // Canonical order: video before audio, each by ordinal (file order within the kind).
    std::stable_sort(tracks_.begin(), tracks_.end(),
                     [](const auto& a, const auto& b) { return a->b.kind < b->b.kind; });
    return {};
  }

  double seconds(const Track& t, int64_t ts) const {
    if (ts == AV_NOPTS_VALUE) {
      return kNaN;
    }
    return double(ts) * av_q2d(t.st->time_base) - start_offset_;
  }

  // Bookkeeping for one packet (in demuxing order), then its hashing, which may take over
  // `pkt`'s reference.
  void process(Track& t, AVPacket* pkt) {
    ByteView data = packet_bytes(pkt);
    if (audio_end_ && pkt->pos >= 0) {
      // Tags appended to an elementary audio file are metadata, not the last frame.
      const uint64_t pos = uint64_t(pkt->pos);
      if (pos >= *audio_end_) {
        return;
      }
      data = data.first(size_t(std::min<uint64_t>(data.size(), *audio_end_ - pos)));
    }
    const int64_t pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
    const double time = seconds(t, pts);
    if (pts != AV_NOPTS_VALUE) {
      t.min_pts = std::min(t.min_pts, pts);
      t.max_end = std::max(t.max_end, pts + std::max<int64_t>(pkt->duration, 0));
    }
    if ((pkt->flags & AV_PKT_FLAG_CORRUPT) != 0) {
      ++t.corrupt_flagged;
    }
    StreamBinding& b = t.b;
    if (t.mode == Track::Mode::kPcm) {
      if (std::isnan(t.pcm_start)) {
        t.pcm_start = std::isnan(time) ? 0.0 : time;
      }
      feed_pcm(t, data);
      return;
    }
    const uint64_t index = t.leaves.size();
    if (b.kind == StreamKind::kVideo && (pkt->flags & AV_PKT_FLAG_KEY) != 0) {
      b.keyframes.push_back(index);
    }
    if ((pkt->flags & AV_PKT_FLAG_DISCARD) != 0) {
      ++b.discarded;
    } else {
      if (!t.seen_visible) {
        b.visible_first = index;
        t.seen_visible = true;
      }
      b.visible_end = index + 1;
    }
    b.times.push_back(time);
    Digest* leaf = &t.leaves.emplace_back();
    Digest* aux = t.mode == Track::Mode::kNal ? &t.aux_leaves.emplace_back() : nullptr;
    hasher_->submit(t, pkt, data.size(), leaf, aux);
  }

  Result<MediaBinding> finish(AVFormatContext* fmt) {
    ItemHasher metadata(kMetadataTag);
    ItemHasher rendering(kRenderingTag);
    hash_tags(metadata, "format", fmt->metadata);
    for (auto& tp : tracks_) {
      Track& t = *tp;
      StreamBinding& b = t.b;
      if (t.mode == Track::Mode::kPcm) {
        finish_pcm(t);
        b.config = t.pcm_config;
        b.visible_first = 0;
        b.visible_end = t.leaves.size();
      } else if (b.discarded == 0) {
        b.visible_first = 0;
        b.visible_end = t.leaves.size();
      }
      b.leaves.assign(t.leaves.begin(), t.leaves.end());
      b.aux_leaves.assign(t.aux_leaves.begin(), t.aux_leaves.end());
      t.leaves = {};
      t.aux_leaves = {};
      if (t.nal) {
        b.config = t.nal->config();
        b.aux_root = merkle::root(b.aux_leaves);
        for (const std::string& w : t.nal->warnings()) {
          add_warning(out_.warnings, b.label() + ": " + w);
        }
      }
      if (t.malformed.load() > 0) {
        add_warning(out_.warnings, b.label() + ": " + std::to_string(t.malformed.load()) +
                                       " packets with broken NAL framing");
      }
      if (t.corrupt_flagged > 0) {
        add_warning(out_.warnings, b.label() + ": " + std::to_string(t.corrupt_flagged) +
                                       " packets flagged corrupt by the demuxer");
      }
      b.leaf_count = b.leaves.size();
      b.root = stream_root(b.kind, b.codec, b.config, merkle::root(b.leaves));
      if (t.min_pts < t.max_end) {
        b.timing = StreamTiming{exact_seconds(t.min_pts, t.st->time_base),
                                exact_seconds(t.max_end - t.min_pts, t.st->time_base)};
      }
      if (options_.version >= 2) {
        b.leaf_info = leaf_info_digest(b);
      }
      hash_tags(metadata, b.label(), t.st->metadata);
      if (b.kind == StreamKind::kVideo) {
        if (const int deg = rotation_degrees(t.st); deg != 0) {
          rendering.item(b.label() + "/rotation", as_bytes(std::to_string(deg)));
        }
      }
      out_.streams.push_back(std::move(b));
    }
    out_.metadata_digest = metadata.finish();
    out_.rendering_digest = rendering.finish();
    out_.content_root = content_root(out_.streams);
    out_.version = options_.version;
    read_claims(fmt, options_, out_.claims);
    if (options_.version >= 2) {
      HALLMARK_TRY(hash_trailer());
    }
    return std::move(out_);
  }

  // Bytes after the container (version 2): appended data is not part of the file as signed.
  Status hash_trailer() {
    const uint64_t end = container_end(file_, format_);
    if (end >= file_.size()) {
      return {};
    }
    LeafHasher hasher;
    Bytes buf(std::min<uint64_t>(file_.size() - end, 1 << 20));
    for (uint64_t pos = end; pos < file_.size();) {
      const size_t n = size_t(std::min<uint64_t>(buf.size(), file_.size() - pos));
      HALLMARK_TRY(file_.read_exact(pos, std::span(buf.data(), n)));
      hasher.add(ByteView(buf.data(), n));
      pos += n;
    }
    out_.trailer = hasher.finish();
    out_.trailer_size = file_.size() - end;
    return {};
  }

  // PCM bytes into blocks: fixed seconds (version 1) or content-defined (version 2); each
  // block's time is where its first byte plays.
  void feed_pcm(Track& t, ByteView data) {
    if (t.pcm_cdc) {
      t.pcm_cdc->feed(data,
                      [&](const Digest& leaf, uint64_t offset) { pcm_leaf(t, leaf, offset); });
    } else {
      t.pcm->feed(data, [&](const Digest& leaf) {
        pcm_leaf(t, leaf, t.leaves.size() * t.pcm_bytes_per_second);
      });
    }
  }
  void finish_pcm(Track& t) {
    if (t.pcm_cdc) {
      t.pcm_cdc->finish([&](const Digest& leaf, uint64_t offset) { pcm_leaf(t, leaf, offset); });
    } else {
      t.pcm->finish(
          [&](const Digest& leaf) { pcm_leaf(t, leaf, t.leaves.size() * t.pcm_bytes_per_second); });
    }
  }
  static void pcm_leaf(Track& t, const Digest& leaf, uint64_t offset) {
    t.b.times.push_back(t.pcm_start + double(offset) / double(t.pcm_bytes_per_second));
    t.leaves.push_back(leaf);
  }

  const InputFile& file_;
  const std::string& format_;
  const MediaOptions& options_;
  MediaBinding out_;
  std::vector<std::unique_ptr<Track>> tracks_;
  std::vector<Track*> by_index_;
  double start_offset_ = 0;
  std::optional<uint64_t> audio_end_;
  std::optional<WorkerPool> own_pool_;  // When the options give none.
  std::optional<PacketHasher> hasher_;  // Declared last: destroyed (drained) before the tracks.
};

}  // namespace

Result<MediaBinding> bind_av(const InputFile& file, const std::string& format,
                             const MediaOptions& options) {
  HALLMARK_TRY(load_ffmpeg());
  return AvBinder(file, format, options).run();
}

namespace {
std::string dotted(unsigned v) {
  return std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) + "." +
         std::to_string(AV_VERSION_MICRO(v));
}
}  // namespace

// The versions of the libraries loaded (which loads them), or why they cannot be.
std::string libavformat_version() {
  Result<const Ffmpeg*> ff = load_ffmpeg();
  return ff.ok() ? dotted((*ff)->avformat_version()) : ff.status().message();
}

std::string libavcodec_version() {
  Result<const Ffmpeg*> ff = load_ffmpeg();
  return ff.ok() ? dotted((*ff)->avcodec_version()) : ff.status().message();
}

std::string ffmpeg_version() {
  Result<const Ffmpeg*> ff = load_ffmpeg();
  return ff.ok() ? (*ff)->av_version_info() : ff.status().message();
}

}  // namespace hallmark::media::internal
