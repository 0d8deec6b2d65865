/*
 * The protocol floor: the least a Procwire worker can do and still serve a @procwire/core parent
 * with the benchmark worker's message contract (docs/design.md, "The benchmark worker"):
 *
 *   method            id  response  does
 *   echo               1  result    answers the request's own payload, unchanged (flags 0x03)
 *   echoRaw            2  result    the same: it never decodes an echo, so both cost the same
 *   stream {count,size} 3 stream    count chunks (0x0B), each a MsgPack bin of size zero bytes,
 *                                   then the empty end frame (0x1B)
 *   emit {count}       4  result    count events tick {seq} (event 1, flags 0x01, request id 0),
 *                                   then the result count
 *   event tick         1
 *
 * One thread, poll() over stdin and the data socket, and as few system calls as the protocol allows:
 * an echo is answered by flipping its flag byte in the read buffer and writing the same bytes back
 * (every answer of one read in one writev); a stream writes a block of identical chunk frames, built
 * once per chunk size, over and over (many blocks per writev); events are encoded back to back into
 * one buffer and written when it is full. Whatever a real worker adds on top of this is the price of
 * its runtime; this is what the kernel, the socket and the parent cost.
 *
 * Writes block while the parent is not reading (its backpressure); meanwhile nothing else is served,
 * which the benchmark never needs. Control plane: $init on stdout once listening, $ping answered
 * with $pong, exit on $shutdown or stdin EOF. Auth frames (PROCWIRE_TOKEN) and aborts are ignored;
 * the benchmark parent uses neither.
 *
 * Built by procwire-sample/bench/run.mjs: gcc -O2 -Wall -o <build dir>/echo-floor echo-floor.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define HEADER 11
#define FLAGS_EVENT 0x01
#define FLAGS_RESULT 0x03
#define FLAGS_ERROR 0x07
#define FLAGS_CHUNK 0x0B
#define FLAGS_END 0x1B
#define ECHO_ID 1
#define ECHO_RAW_ID 2
#define STREAM_ID 3
#define EMIT_ID 4
#define TICK_ID 1
#define ABORT_ID 0xFFFF
#define AUTH_ID 0xFFFE
#define MAX_IOV 64
#define STREAM_BLOCK (256 * 1024) /* bytes of chunk frames built once and written many times */
#define MAX_CHUNK (1u << 30)      /* the parent's default maximum payload */
#define EVENT_BUF (256 * 1024)
#define MAX_EVENT (HEADER + 5 + 9) /* header, {"seq": and a uint64 */

static char sock_path[108];
static int listen_fd = -1;
static int data_fd = -1;

static void die(const char *what) {
    fprintf(stderr, "echo-floor: %s: %s\n", what, strerror(errno));
    if (sock_path[0]) unlink(sock_path);
    exit(1);
}

static void write_all(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        c += w;
        n -= (size_t)w;
    }
}

/* Writes every iovec fully, resuming after short writes. */
static void writev_all(int fd, struct iovec *iov, int cnt) {
    while (cnt > 0) {
        ssize_t w = writev(fd, iov, cnt);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("writev");
        }
        while (cnt > 0 && (size_t)w >= iov->iov_len) {
            w -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
    }
}

/* ---- frames ------------------------------------------------------------------------------------ */

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_u32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void put_header(unsigned char *h, unsigned method, unsigned flags, uint32_t id, uint32_t len) {
    h[0] = (unsigned char)(method >> 8);
    h[1] = (unsigned char)method;
    h[2] = (unsigned char)flags;
    put_u32(h + 3, id);
    put_u32(h + 7, len);
}

/* The answers not yet written: one writev for all of them. */
static struct iovec pending[MAX_IOV];
static int pending_cnt;

static void flush(void) {
    if (pending_cnt > 0) writev_all(data_fd, pending, pending_cnt);
    pending_cnt = 0;
}

static void queue(const void *p, size_t n) {
    struct iovec *last = pending_cnt > 0 ? &pending[pending_cnt - 1] : NULL;
    if (last && (const char *)last->iov_base + last->iov_len == (const char *)p) {
        last->iov_len += n; /* contiguous with the previous answer */
        return;
    }
    if (pending_cnt == MAX_IOV) flush();
    pending[pending_cnt++] = (struct iovec){(void *)p, n};
}

/* ---- MsgPack: the little the contract needs ------------------------------------------------------ */

/* A MsgPack type byte, then v big-endian in `bytes` bytes; returns the length. */
static size_t mp_put_typed(unsigned char *p, unsigned char type, uint64_t v, int bytes) {
    p[0] = type;
    for (int i = bytes; i > 0; i--, v >>= 8) p[i] = (unsigned char)v;
    return (size_t)bytes + 1;
}

/* Writes v in the smallest unsigned format, as MsgPack encoders do; returns its length. */
static size_t mp_put_uint(unsigned char *p, uint64_t v) {
    if (v < 0x80) {
        p[0] = (unsigned char)v;
        return 1;
    }
    if (v <= 0xFF) return mp_put_typed(p, 0xCC, v, 1);
    if (v <= 0xFFFF) return mp_put_typed(p, 0xCD, v, 2);
    if (v <= 0xFFFFFFFF) return mp_put_typed(p, 0xCE, v, 4);
    return mp_put_typed(p, 0xCF, v, 8);
}

/* The header of a bin of n bytes; returns its length. */
static size_t mp_put_bin_header(unsigned char *p, uint32_t n) {
    if (n <= 0xFF) return mp_put_typed(p, 0xC4, n, 1);
    if (n <= 0xFFFF) return mp_put_typed(p, 0xC5, n, 2);
    return mp_put_typed(p, 0xC6, n, 4);
}

typedef struct {
    const unsigned char *p, *end;
} reader;

static int mp_big_endian(reader *r, int bytes, uint64_t *out) {
    if (r->end - r->p < bytes) return -1;
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v = v << 8 | *r->p++;
    *out = v;
    return 0;
}

/*
 * A non-negative integer in any format the parent's encoder uses for one (an integer of 2^53 or more
 * arrives as an integral float64); -1 for anything else.
 */
static int mp_uint(reader *r, uint64_t *out) {
    if (r->p >= r->end) return -1;
    unsigned char t = *r->p++;
    if (t < 0x80) {
        *out = t;
        return 0;
    }
    switch (t) {
    case 0xCC: return mp_big_endian(r, 1, out);
    case 0xCD: return mp_big_endian(r, 2, out);
    case 0xCE: return mp_big_endian(r, 4, out);
    case 0xCF: return mp_big_endian(r, 8, out);
    case 0xCB: {
        uint64_t bits;
        double d;
        if (mp_big_endian(r, 8, &bits) < 0) return -1;
        memcpy(&d, &bits, sizeof d);
        if (!(d >= 0 && d < 18446744073709551616.0) || d != (double)(uint64_t)d) return -1;
        *out = (uint64_t)d;
        return 0;
    }
    default: return -1;
    }
}

/* A map key: a str of at most 255 bytes (fixstr or str8); its bytes and length, or -1. */
static int mp_key(reader *r, const unsigned char **key, size_t *len) {
    if (r->p >= r->end) return -1;
    unsigned char t = *r->p++;
    if ((t & 0xE0) == 0xA0) {
        *len = t & 0x1F;
    } else if (t == 0xD9 && r->p < r->end) {
        *len = *r->p++;
    } else {
        return -1;
    }
    if ((size_t)(r->end - r->p) < *len) return -1;
    *key = r->p;
    r->p += *len;
    return 0;
}

/*
 * Reads a request {k1: uint, k2: uint, ...} (a fixmap or map16 of string keys and non-negative
 * integers, what the parent sends for {count, size}) into values[i] for names[i]; 0 when every name
 * was there, else -1.
 */
static int mp_read_uints(const unsigned char *p, size_t n, const char *const *names, uint64_t *values, int count) {
    reader r = {p, p + n};
    uint64_t entries;
    if (n == 0) return -1;
    if ((*r.p & 0xF0) == 0x80) {
        entries = *r.p++ & 0x0F;
    } else if (*r.p++ != 0xDE || mp_big_endian(&r, 2, &entries) < 0) {
        return -1;
    }
    int found = 0;
    for (uint64_t e = 0; e < entries; e++) {
        const unsigned char *key;
        size_t len;
        uint64_t v;
        if (mp_key(&r, &key, &len) < 0 || mp_uint(&r, &v) < 0) return -1;
        for (int i = 0; i < count; i++) {
            if (strlen(names[i]) == len && memcmp(names[i], key, len) == 0) {
                values[i] = v;
                found |= 1 << i;
            }
        }
    }
    return found == (1 << count) - 1 ? 0 : -1;
}

/* ---- answers ------------------------------------------------------------------------------------- */

/* An error frame for request h, its payload the MsgPack string msg (at most 255 bytes). */
static void send_error(const unsigned char *h, const char *msg) {
    size_t len = strlen(msg);
    unsigned char e[HEADER + 2 + 255];
    put_header(e, (unsigned)h[0] << 8 | h[1], FLAGS_ERROR, get_u32(h + 3), (uint32_t)(len + 2));
    e[HEADER] = 0xD9;
    e[HEADER + 1] = (unsigned char)len;
    memcpy(e + HEADER + 2, msg, len);
    flush();
    write_all(data_fd, e, HEADER + 2 + len);
}

/* STREAM_BLOCK bytes (at least one frame) of identical chunk frames, rebuilt when the size changes. */
static unsigned char *block;
static size_t block_frames, frame_len;
static uint32_t block_chunk = UINT32_MAX;

static void build_block(uint32_t size) {
    unsigned char bin[5];
    size_t bin_len = mp_put_bin_header(bin, size);
    frame_len = HEADER + bin_len + size;
    block_frames = frame_len >= STREAM_BLOCK ? 1 : STREAM_BLOCK / frame_len;
    free(block);
    block = calloc(block_frames, frame_len); /* the chunks are zero bytes, as BenchWorker's */
    if (!block) die("calloc");
    for (size_t i = 0; i < block_frames; i++) {
        unsigned char *f = block + i * frame_len;
        put_header(f, STREAM_ID, FLAGS_CHUNK, 0, (uint32_t)(bin_len + size));
        memcpy(f + HEADER, bin, bin_len);
    }
    block_chunk = size;
}

/* count chunk frames of size bytes for request h, then the end frame: whole blocks, many per writev. */
static void send_stream(const unsigned char *h, uint64_t count, uint64_t size) {
    if (size > MAX_CHUNK - HEADER - 5) {
        send_error(h, "stream: size is above the parent's 1 GiB maximum payload");
        return;
    }
    flush(); /* the block is about to change under any chunks still queued */
    if (size != block_chunk) build_block((uint32_t)size);
    for (size_t i = 0; i < block_frames; i++) memcpy(block + i * frame_len + 3, h + 3, 4); /* request id */
    for (uint64_t left = count; left > 0;) {
        size_t frames = left < block_frames ? (size_t)left : block_frames;
        queue(block, frames * frame_len);
        left -= frames;
    }
    unsigned char end[HEADER];
    put_header(end, STREAM_ID, FLAGS_END, get_u32(h + 3), 0);
    queue(end, HEADER);
    flush();
}

/* count tick events {seq}, then the result count for request h: encoded back to back, written when full. */
static void send_events(const unsigned char *h, uint64_t count) {
    static unsigned char out[EVENT_BUF];
    static const unsigned char seq_key[] = {0x81, 0xA3, 's', 'e', 'q'};
    size_t n = 0;
    flush();
    for (uint64_t seq = 0; seq < count; seq++) {
        if (n + MAX_EVENT > sizeof out) {
            write_all(data_fd, out, n);
            n = 0;
        }
        unsigned char *f = out + n;
        memcpy(f + HEADER, seq_key, sizeof seq_key);
        size_t len = sizeof seq_key + mp_put_uint(f + HEADER + sizeof seq_key, seq);
        put_header(f, TICK_ID, FLAGS_EVENT, 0, (uint32_t)len);
        n += HEADER + len;
    }
    if (n + HEADER + 9 > sizeof out) {
        write_all(data_fd, out, n);
        n = 0;
    }
    size_t len = mp_put_uint(out + n + HEADER, count);
    put_header(out + n, EMIT_ID, FLAGS_RESULT, get_u32(h + 3), (uint32_t)len);
    write_all(data_fd, out, n + HEADER + len);
}

static void handle_stream(unsigned char *h, uint32_t len) {
    static const char *const names[] = {"count", "size"};
    uint64_t v[2];
    if (mp_read_uints(h + HEADER, len, names, v, 2) < 0) {
        send_error(h, "stream wants {count, size}: two non-negative integers");
    } else {
        send_stream(h, v[0], v[1]);
    }
}

static void handle_emit(unsigned char *h, uint32_t len) {
    static const char *const names[] = {"count"};
    uint64_t count;
    if (mp_read_uints(h + HEADER, len, names, &count, 1) < 0) {
        send_error(h, "emit wants {count}: a non-negative integer");
    } else {
        send_events(h, count);
    }
}

/* Answers one complete request frame h (its payload follows the header). */
static void handle_frame(unsigned char *h, uint32_t len) {
    switch ((unsigned)h[0] << 8 | h[1]) {
    case ECHO_ID:
    case ECHO_RAW_ID:
        h[2] = FLAGS_RESULT;
        queue(h, HEADER + len);
        break;
    case STREAM_ID: handle_stream(h, len); break;
    case EMIT_ID: handle_emit(h, len); break;
    case ABORT_ID:
    case AUTH_ID: break;
    default: send_error(h, "Unknown method");
    }
}

/* ---- the two channels ---------------------------------------------------------------------------- */

static void choose_path(void) {
    const char *dirs[] = {getenv("XDG_RUNTIME_DIR"), getenv("TMPDIR"), "/tmp"};
    unsigned char rnd[16];
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, rnd, sizeof rnd) != (ssize_t)sizeof rnd) die("urandom");
    close(fd);
    char hex[33];
    for (int i = 0; i < 16; i++) sprintf(hex + 2 * i, "%02x", rnd[i]);
    for (int i = 0; i < 3; i++) {
        const char *d = dirs[i];
        if (!d || !*d) continue;
        size_t len = strlen(d);
        while (len > 1 && d[len - 1] == '/') len--;
        int n = snprintf(sock_path, sizeof sock_path, "%.*s/procwire-%d-%s.sock", (int)len, d, (int)getpid(), hex);
        if (n > 0 && n < 104) return;
    }
    snprintf(sock_path, sizeof sock_path, "/tmp/procwire-%d-%s.sock", (int)getpid(), hex);
}

static void shutdown_now(void) {
    if (listen_fd >= 0) close(listen_fd);
    unlink(sock_path);
    exit(0);
}

/* Control lines: $ping and $shutdown are all this worker needs to recognise. */
static void handle_line(const char *line) {
    if (strstr(line, "\"$ping\"")) {
        static const char pong[] = "{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}\n";
        write_all(1, pong, sizeof pong - 1);
    } else if (strstr(line, "\"$shutdown\"")) {
        shutdown_now();
    }
}

static void read_control(void) {
    static char line[4096];
    static size_t line_len;
    char tmp[4096];
    ssize_t r = read(0, tmp, sizeof tmp);
    if (r <= 0) shutdown_now(); /* the parent is gone */
    for (ssize_t i = 0; i < r; i++) {
        if (tmp[i] == '\n') {
            line[line_len] = 0;
            handle_line(line);
            line_len = 0;
        } else if (line_len < sizeof line - 1) {
            line[line_len++] = tmp[i];
        }
    }
}

static void listen_and_init(void) {
    choose_path();
    unlink(sock_path);
    listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) die("socket");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    memcpy(addr.sun_path, sock_path, strlen(sock_path) + 1); /* choose_path keeps it under 104 bytes */
    if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    chmod(sock_path, 0600);
    if (listen(listen_fd, 8) < 0) die("listen");

    char init[640];
    int n = snprintf(init, sizeof init,
                     "{\"jsonrpc\":\"2.0\",\"method\":\"$init\",\"params\":{\"pipe\":\"%s\",\"schema\":{\"methods\":"
                     "{\"echo\":{\"id\":1,\"response\":\"result\"},\"echoRaw\":{\"id\":2,\"response\":\"result\"},"
                     "\"stream\":{\"id\":3,\"response\":\"stream\"},\"emit\":{\"id\":4,\"response\":\"result\"}},"
                     "\"events\":{\"tick\":{\"id\":1}}},\"version\":\"1.0.0\"}}\n",
                     sock_path);
    write_all(1, init, (size_t)n);
}

static void adopt_parent(void) {
    data_fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (data_fd < 0) die("accept");
    close(listen_fd); /* one parent: stop listening */
    listen_fd = -1;
    unlink(sock_path);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    listen_and_init();

    size_t cap = 1 << 20, start = 0, end = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) die("malloc");

    for (;;) {
        struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = data_fd >= 0 ? data_fd : listen_fd, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll");
        }
        if (fds[0].revents) read_control();
        if (!fds[1].revents) continue;
        if (data_fd < 0) {
            adopt_parent();
            continue;
        }
        ssize_t r = read(data_fd, buf + end, cap - end);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (r == 0) shutdown_now();
        end += (size_t)r;

        /* Answer every complete frame; the echoes of one read go out in one writev. */
        while (end - start >= HEADER) {
            uint32_t len = get_u32(buf + start + 7);
            if (end - start < HEADER + (size_t)len) break;
            handle_frame(buf + start, len);
            start += HEADER + len;
        }
        flush();

        /* Keep the partial frame at the front, and make room for all of it. */
        if (start == end) {
            start = end = 0;
        } else {
            size_t need = HEADER + (end - start >= HEADER ? get_u32(buf + start + 7) : 0);
            if (start > 0 && (start + need > cap || cap - end < 65536)) {
                memmove(buf, buf + start, end - start);
                end -= start;
                start = 0;
            }
            if (need > cap) {
                cap = need;
                buf = realloc(buf, cap);
                if (!buf) die("realloc");
            }
        }
    }
}
