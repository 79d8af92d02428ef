/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the libFuzzer targets share: taking typed values off the input, a
 * check that aborts (so libFuzzer keeps the input), and a JSON line check.
 */
#ifndef XFS_HEALTH_FUZZ_H
#define XFS_HEALTH_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The unread rest of a fuzzer input. */
struct fz_in {
	const uint8_t *p;
	size_t left;
};

/* Past the end every value reads as zero, so short inputs still run. */
uint8_t fz_u8(struct fz_in *in);
uint16_t fz_u16(struct fz_in *in);
uint32_t fz_u32(struct fz_in *in);
uint64_t fz_u64(struct fz_in *in);

/*
 * A malloc'd C string of the next bytes up to a NUL, the end of the input,
 * or @max bytes.  NULL only without memory, which is a failure here too.
 */
char *fz_str(struct fz_in *in, size_t max);

/* A small deterministic generator for chunk sizes and the like. */
uint32_t fz_rand(uint32_t *state);

/* An invariant the code under test broke: report it and crash. */
#define FZ_CHECK(cond)                                                         \
	do {                                                                   \
		if (!(cond))                                                   \
			fz_fail(__FILE__, __LINE__, #cond);                    \
	} while (0)

/* Written to descriptor 2, the fuzzer's even when stdio is quiet. */
void fz_fail(const char *file, int line, const char *what)
	__attribute__((noreturn));

/*
 * @line (@len bytes, ending in its one newline) as a JSON object, with
 * nothing before or after it; NULL if it is not one.  Release it with
 * json_object_put().
 */
struct json_object *fz_json_line(const char *line, size_t len);

/*
 * The member "<key>" (and "<key>_hex") of @obj says exactly the bytes of
 * @s: the string itself when @s is UTF-8, else the hex of every byte.
 * Aborts otherwise.
 */
void fz_check_json_string(struct json_object *obj, const char *key,
			  const char *s);

/* Our own stdio goes nowhere, unless FUZZ_SHOW_OUTPUT is set. */
void fz_quiet_stdio(void);

#endif /* XFS_HEALTH_FUZZ_H */
