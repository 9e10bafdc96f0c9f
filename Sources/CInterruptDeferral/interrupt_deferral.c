// Signals held back while the site is put in place (see interrupt_deferral.h).
#include "interrupt_deferral.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>

static const int deferred_signals[] = {SIGINT, SIGTERM, SIGHUP};
enum { deferred_count = sizeof deferred_signals / sizeof deferred_signals[0] };

static struct sigaction saved_actions[deferred_count];
/// How many deferrals are under way, and the lock that guards it and the saved actions.
static int depth = 0;
static pthread_mutex_t depth_lock = PTHREAD_MUTEX_INITIALIZER;
/// The first signal that came while held back, 0 for none. Written by the handler only.
static volatile sig_atomic_t pending_signal = 0;

static void remember_signal(int signal_number) {
    if (pending_signal == 0) pending_signal = signal_number;
}

void up_interrupts_defer(void) {
    pthread_mutex_lock(&depth_lock);
    if (depth++ > 0) {
        pthread_mutex_unlock(&depth_lock);
        return;
    }
    pending_signal = 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remember_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int index = 0; index < deferred_count; index++) {
        sigaction(deferred_signals[index], &action, &saved_actions[index]);
    }
    pthread_mutex_unlock(&depth_lock);
}

void up_interrupts_resume(void) {
    pthread_mutex_lock(&depth_lock);
    if (depth == 0 || --depth > 0) {
        pthread_mutex_unlock(&depth_lock);
        return;
    }
    for (int index = 0; index < deferred_count; index++) {
        sigaction(deferred_signals[index], &saved_actions[index], NULL);
    }
    int signal_number = pending_signal;
    pending_signal = 0;
    pthread_mutex_unlock(&depth_lock);
    if (signal_number != 0) raise(signal_number);
}
