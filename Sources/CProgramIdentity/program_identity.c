// The running program's build ID (see program_identity.h).
#define _GNU_SOURCE
#include "program_identity.h"

#include <string.h>

#if defined(__linux__)
#include <elf.h>
#include <link.h>

/// Where the build ID goes, and how much of it was found.
struct build_id_search {
    unsigned char *out;
    size_t capacity;
    size_t found;
};

/// The build ID among the notes of `length` bytes at `notes`, aligned to `align` bytes as their
/// segment is; 0 when there is none.
static size_t copy_build_id(const unsigned char *notes, size_t length, size_t align, struct build_id_search *search) {
    size_t offset = 0, round = align - 1;
    // Each note: its header, its name from the header's end, its description from the next
    // multiple of `align` after the name (counted from the note's start), the next note likewise.
    while (length - offset >= sizeof(ElfW(Nhdr))) {
        const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)(notes + offset);
        size_t name = offset + sizeof(ElfW(Nhdr));
        size_t description = (name + (size_t)header->n_namesz + round) & ~round;
        size_t next = (description + (size_t)header->n_descsz + round) & ~round;
        if (description > length || length - description < header->n_descsz) break;
        if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(notes + name, "GNU", 4) == 0) {
            size_t count = header->n_descsz < search->capacity ? header->n_descsz : search->capacity;
            if (count > 0) memcpy(search->out, notes + description, count);
            return count;
        }
        if (next <= offset || next > length) break;
        offset = next;
    }
    return 0;
}

/// Looks through the note segments of the first object the loader lists, the program itself.
static int search_program(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum && search->found == 0; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        size_t align = segment->p_align == 8 ? 8 : 4;
        search->found = copy_build_id((const unsigned char *)(info->dlpi_addr + segment->p_vaddr), segment->p_memsz, align, search);
    }
    return 1;
}

size_t up_program_build_id(unsigned char *out, size_t capacity) {
    struct build_id_search search = {out, capacity, 0};
    dl_iterate_phdr(search_program, &search);
    return search.found;
}
#else
size_t up_program_build_id(unsigned char *out, size_t capacity) {
    (void)out;
    (void)capacity;
    return 0;
}
#endif
