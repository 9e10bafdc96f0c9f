// Read-only file mappings whose faults end the process with a message (see file_mapping.h).
#define _GNU_SOURCE
#include "file_mapping.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { slot_count = 16, name_capacity = 256 };

/// One mapping: `start` is 0 while the slot is free, and set last, once its length and name are.
struct slot {
    atomic_int taken;
    _Atomic(uintptr_t) start;
    _Atomic(size_t) length;
    char name[name_capacity];
};

static struct slot slots[slot_count];
static struct sigaction previous_action;
static pthread_once_t handler_installed = PTHREAD_ONCE_INIT;

static void write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t count = write(STDERR_FILENO, text, length);
        if (count <= 0) return;
        text += count;
        length -= (size_t)count;
    }
}

static void on_bus_error(int signal_number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    // A fault the kernel raised (a signal sent by a program has a code of 0 or less, and no address).
    for (int index = 0; info->si_code > 0 && index < slot_count; index++) {
        uintptr_t start = atomic_load(&slots[index].start);
        if (start != 0 && address >= start && address - start < atomic_load(&slots[index].length)) {
            static const char message[] = ": error: [read] the file was cut short while it was read\n";
            write_all(slots[index].name, strnlen(slots[index].name, name_capacity));
            write_all(message, sizeof message - 1);
            _exit(1);
        }
    }
    // Not a mapped file's fault: the handler before this one takes it, a fault as it recurs on
    // return, a signal sent by a program raised again.
    (void)context;
    sigaction(SIGBUS, &previous_action, NULL);
    if (info->si_code <= 0) raise(signal_number);
}

static void install_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_action);
}

const void *up_map_file(int descriptor, size_t length, const char *name) {
    if (length == 0) return NULL;
    pthread_once(&handler_installed, install_handler);
    for (int index = 0; index < slot_count; index++) {
        int free_slot = 0;
        if (!atomic_compare_exchange_strong(&slots[index].taken, &free_slot, 1)) continue;
        void *address = mmap(NULL, length, PROT_READ, MAP_PRIVATE, descriptor, 0);
        if (address == MAP_FAILED) {
            atomic_store(&slots[index].taken, 0);
            return NULL;
        }
        strncpy(slots[index].name, name, name_capacity - 1);
        slots[index].name[name_capacity - 1] = 0;
        atomic_store(&slots[index].length, length);
        atomic_store(&slots[index].start, (uintptr_t)address);
        return address;
    }
    return NULL;
}

void up_unmap_file(const void *address, size_t length) {
    for (int index = 0; index < slot_count; index++) {
        if (atomic_load(&slots[index].start) != (uintptr_t)address) continue;
        atomic_store(&slots[index].start, 0);
        munmap((void *)address, length);
        atomic_store(&slots[index].taken, 0);
        return;
    }
}
