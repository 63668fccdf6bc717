#include "server/cli/runner.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct slot {
    cd_run_item item;
    bool done;
} slot;

typedef struct runner {
    pthread_mutex_t mu;
    pthread_cond_t cond;       /* a slot finished, or the window moved */
    size_t count, next, emitted, window;
    slot *slots;               /* ring of window slots, index % window */
    cd_run_work work;
    void *ctx;
} runner;

static void *worker(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (r->next < r->count && r->next >= r->emitted + r->window)
            pthread_cond_wait(&r->cond, &r->mu);
        if (r->next >= r->count)
            break;
        size_t i = r->next++;
        pthread_mutex_unlock(&r->mu);
        cd_run_item item = {0};
        r->work(i, &item, r->ctx);
        pthread_mutex_lock(&r->mu);
        r->slots[i % r->window].item = item;
        r->slots[i % r->window].done = true;
        pthread_cond_broadcast(&r->cond);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void cd_run_ordered(size_t count, int jobs, cd_run_work work, cd_run_emit emit, void *ctx,
                    bool progress)
{
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > count)
        jobs = count ? (int)count : 1;
    runner r = {.count = count, .window = (size_t)jobs * 4 + 16, .work = work, .ctx = ctx};
    r.slots = calloc(r.window, sizeof *r.slots);
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cond, NULL);
    int started = 0;
    for (int t = 0; r.slots && threads && t < jobs; t++)
        if (pthread_create(&threads[t], NULL, worker, &r) == 0)
            started++;
    if (started == 0) {
        /* No pool (out of memory or threads): the work is done here, one
           file at a time, with the same output. */
        for (size_t i = 0; i < count; i++) {
            cd_run_item item = {0};
            work(i, &item, ctx);
            emit(i, &item, ctx);
            free(item.out);
            free(item.err);
        }
        pthread_mutex_destroy(&r.mu);
        pthread_cond_destroy(&r.cond);
        free(r.slots);
        free(threads);
        return;
    }
    double t0 = now_s(), last = 0;
    for (size_t i = 0; i < count; i++) {
        slot *s = &r.slots[i % r.window];
        pthread_mutex_lock(&r.mu);
        while (!s->done)
            pthread_cond_wait(&r.cond, &r.mu);
        cd_run_item item = s->item;
        s->done = false;
        memset(&s->item, 0, sizeof s->item);
        pthread_mutex_unlock(&r.mu);
        emit(i, &item, ctx);
        free(item.out);
        free(item.err);
        pthread_mutex_lock(&r.mu);
        r.emitted = i + 1;
        pthread_cond_broadcast(&r.cond);
        pthread_mutex_unlock(&r.mu);
        if (progress) {
            double t = now_s();
            if (t - last > 0.1 || i + 1 == count) {
                last = t;
                fprintf(stderr, "\r\033[Kcopydesk: %zu/%zu files, %.0f files/s", i + 1, count,
                        (i + 1) / (t - t0 > 1e-6 ? t - t0 : 1e-6));
            }
        }
    }
    if (progress && count)
        fputs("\r\033[K", stderr);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.cond);
    free(r.slots);
    free(threads);
}
