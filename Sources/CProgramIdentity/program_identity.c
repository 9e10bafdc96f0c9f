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
    const unsigned char *note = notes, *end = notes + length;
    size_t round = align - 1;
    while ((size_t)(end - note) >= sizeof(ElfW(Nhdr))) {
        const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
        const unsigned char *name = note + sizeof(ElfW(Nhdr));
        size_t name_space = ((size_t)header->n_namesz + round) & ~round;
        size_t description_space = ((size_t)header->n_descsz + round) & ~round;
        if ((size_t)(end - name) < name_space || (size_t)(end - name) - name_space < description_space) break;
        const unsigned char *description = name + name_space;
        if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
            size_t count = header->n_descsz < search->capacity ? header->n_descsz : search->capacity;
            memcpy(search->out, description, count);
            return count;
        }
        note = description + description_space;
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
