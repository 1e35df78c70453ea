/* The writers' hot loop in C: N-Triples text -> its lines sorted as bytes -> N-Triples, N-Quads, Turtle or
   JSON-LD node objects.

   Optional: `pip install` builds it where a C compiler is found; without it the same functions run in
   Python (osce_kg/export/base.py and turtle.py), and tests/test_native.py checks that both give the same
   bytes. Nothing here knows RDF beyond the N-Triples line layout `subject predicate object .\n` that
   pyoxigraph writes (a term holds no raw space except inside a literal, which only the object can be).

   Sorting: a store dumps a graph with each subject's lines together (its index is by subject), so lines
   are grouped into runs of one first token, the runs sorted by that token, and each token's lines sorted
   among themselves: far fewer, cache-friendlier comparisons than sorting every line against every other.
   Ordering by (first token, whole line) is the same as ordering whole lines: a token ends at a space,
   and a space is smaller than any byte a term holds. Any input order gives the same result.

   The work runs without the GIL: a build writes its files in threads. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#ifdef __linux__
#include <fcntl.h>
#endif

typedef struct {
    const char *p;  /* the line's first byte */
    Py_ssize_t n;   /* its length, with its newline */
    Py_ssize_t t;   /* the length of its first token (up to the first space) */
    Py_ssize_t group;  /* once sorted: lines of the same first token share it, other lines differ */
} Line;

typedef struct {
    const char *p;
    Py_ssize_t t;      /* the run's first token */
    Py_ssize_t start;  /* its first line */
    Py_ssize_t count;
} Run;

typedef struct {
    char *p;  /* into `bytes`, sized beforehand to what the output can take at most */
    Py_ssize_t n;
    PyObject *bytes;
} Buffer;

static int compare_bytes(const char *a, Py_ssize_t an, const char *b, Py_ssize_t bn)
{
    int c = memcmp(a, b, (size_t)(an < bn ? an : bn));
    if (c) return c;
    return (an > bn) - (an < bn);
}

static int compare_runs(const void *x, const void *y)
{
    const Run *a = x, *b = y;
    int c = compare_bytes(a->p, a->t, b->p, b->t);
    if (c) return c;
    return (a->start > b->start) - (a->start < b->start);
}

static int compare_lines(const void *x, const void *y)
{
    const Line *a = x, *b = y;
    return compare_bytes(a->p, a->n, b->p, b->n);
}

static void sort_group(Line *lines, Py_ssize_t n)
{
    if (n > 16) {
        qsort(lines, (size_t)n, sizeof(Line), compare_lines);
        return;
    }
    Py_ssize_t t = n ? lines[0].t : 0;  /* every line of the group starts with the same token */
    for (Py_ssize_t i = 1; i < n; i++) {  /* insertion sort: most subjects have a few lines */
        Line held = lines[i];
        Py_ssize_t j = i;
        while (j > 0 && compare_bytes(lines[j - 1].p + t, lines[j - 1].n - t, held.p + t, held.n - t) > 0) {
            lines[j] = lines[j - 1];
            j--;
        }
        lines[j] = held;
    }
}

/* The lines of `data` sorted as bytes; repeats dropped unless `distinct`, and every line equal to `drop`.
   Returns the number of lines written to *out (malloc'd), or -1 when memory runs out. */
/* The length of the line at `p` (before `end`), its newline included (the last line may have none). */
static Py_ssize_t line_length(const char *p, const char *end)
{
    const char *newline = memchr(p, '\n', (size_t)(end - p));
    return newline ? newline - p + 1 : end - p;
}

/* The newlines between `p` and `end`. */
static Py_ssize_t count_newlines(const char *p, const char *end)
{
    Py_ssize_t n = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        n++;
        p++;
    }
    return n;
}

static Py_ssize_t sort_lines(const char *data, Py_ssize_t size, int distinct, const char *drop,
                             Py_ssize_t drop_n, Line **out)
{
    Py_ssize_t n = 0, cap = 1024, runs_n = 0;
    Line *lines = malloc(sizeof(Line) * (size_t)cap), *sorted = NULL;
    Run *runs = NULL;
    const char *p = data, *end = data + size;
    *out = NULL;
    if (!lines) return -1;
    while (p < end) {
        Py_ssize_t len = line_length(p, end);
        const char *space = memchr(p, ' ', (size_t)len);
        if (n == cap) {
            Line *grown = realloc(lines, sizeof(Line) * (size_t)(cap *= 2));
            if (!grown) goto fail;
            lines = grown;
        }
        lines[n].p = p;
        lines[n].n = len;
        lines[n].t = space ? space - p : len;
        n++;
        p += len;
    }
    runs = malloc(sizeof(Run) * (size_t)(n ? n : 1));
    sorted = malloc(sizeof(Line) * (size_t)(n ? n : 1));
    if (!runs || !sorted) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (runs_n && runs[runs_n - 1].t == lines[i].t
                && memcmp(runs[runs_n - 1].p, lines[i].p, (size_t)lines[i].t) == 0) {
            runs[runs_n - 1].count++;
            continue;
        }
        runs[runs_n].p = lines[i].p;
        runs[runs_n].t = lines[i].t;
        runs[runs_n].start = i;
        runs[runs_n].count = 1;
        runs_n++;
    }
    qsort(runs, (size_t)runs_n, sizeof(Run), compare_runs);
    Py_ssize_t k = 0;
    for (Py_ssize_t r = 0; r < runs_n;) {
        Py_ssize_t g = r, from = k;
        while (g < runs_n && runs[g].t == runs[r].t && memcmp(runs[g].p, runs[r].p, (size_t)runs[r].t) == 0) {
            memcpy(&sorted[k], &lines[runs[g].start], sizeof(Line) * (size_t)runs[g].count);
            k += runs[g].count;
            g++;
        }
        for (Py_ssize_t i = from; i < k; i++) sorted[i].group = r;
        sort_group(&sorted[from], k - from);
        r = g;
    }
    free(runs);
    free(lines);
    k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Line *line = &sorted[i];
        if (drop && line->n == drop_n && memcmp(line->p, drop, (size_t)drop_n) == 0) continue;
        if (!distinct && k && compare_lines(&sorted[k - 1], line) == 0) continue;
        sorted[k++] = *line;
    }
    *out = sorted;
    return k;
fail:
    free(lines);
    free(runs);
    free(sorted);
    return -1;
}

/* The output's bytes object, of `size` bytes at most (called with the GIL held). */
static int reserve(Buffer *b, Py_ssize_t size)
{
    b->bytes = PyBytes_FromStringAndSize(NULL, size);
    if (!b->bytes) return -1;
    b->p = PyBytes_AS_STRING(b->bytes);
    b->n = 0;
    return 0;
}

static void put(Buffer *b, const char *p, Py_ssize_t n)  /* room made by reserve() */
{
    memcpy(b->p + b->n, p, (size_t)n);
    b->n += n;
}

typedef struct {
    const char *ns;  /* a namespace IRI, without '<' */
    Py_ssize_t ns_n;
    const char *prefix;  /* its prefix, without ':' */
    Py_ssize_t prefix_n;
} Namespace;

typedef struct {
    Namespace *items;
    Py_ssize_t n;
    int prefix_free;  /* no namespace starts another: at most one can hold an IRI, found by bisection */
} Namespaces;

static int compare_namespaces(const void *x, const void *y)
{
    const Namespace *a = x, *b = y;
    return compare_bytes(a->ns, a->ns_n, b->ns, b->ns_n);
}

/* Sorted for bisection when no namespace starts another (then the order they are tried in cannot matter);
   left in the given order otherwise. */
static void prepare_namespaces(Namespaces *names)
{
    names->prefix_free = 1;
    for (Py_ssize_t i = 0; i < names->n; i++)
        for (Py_ssize_t j = 0; j < names->n; j++)
            if (i != j && names->items[i].ns_n <= names->items[j].ns_n
                    && memcmp(names->items[i].ns, names->items[j].ns, (size_t)names->items[i].ns_n) == 0)
                names->prefix_free = 0;
    if (names->prefix_free) qsort(names->items, (size_t)names->n, sizeof(Namespace), compare_namespaces);
}

/* The namespace that may hold `iri`: with prefix-free sorted namespaces, only the greatest one not above
   it can start it. */
static Py_ssize_t candidate(const Namespaces *names, const char *iri, Py_ssize_t iri_n)
{
    Py_ssize_t lo = 0, hi = names->n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (compare_bytes(names->items[mid].ns, names->items[mid].ns_n, iri, iri_n) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

static int local_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int local_char(unsigned char c)
{
    return local_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* Append an IRI term `<...>` as a prefixed name where a namespace holds it and its local part is a safe
   name (ASCII letters, digits, '_' and '-', not starting with a digit or '-'), else as it is: as
   base.compact, the namespaces tried in their given order. */
/* The namespace whose prefixed name writes `iri` (no '<', '>'), or NULL: as base.compact, the namespaces
   tried in their given order, a local part that is a safe name (ASCII letters, digits, '_' and '-', not
   starting with a digit or '-'). */
static const Namespace *namespace_of(const char *iri, Py_ssize_t iri_n, const Namespaces *names)
{
    Py_ssize_t first = 0, last = names->n;
    if (names->prefix_free) {
        first = candidate(names, iri, iri_n);
        if (first < 0) first = last;
        else last = first + 1;
    }
    for (Py_ssize_t i = first; i < last; i++) {
        const Namespace *ns = &names->items[i];
        if (iri_n <= ns->ns_n || memcmp(iri, ns->ns, (size_t)ns->ns_n) != 0) continue;
        const char *local = iri + ns->ns_n;
        Py_ssize_t local_n = iri_n - ns->ns_n, j = 1;
        if (!local_start((unsigned char)local[0])) continue;
        while (j < local_n && local_char((unsigned char)local[j])) j++;
        if (j == local_n) return ns;
    }
    return NULL;
}

/* An IRI, without its '<' '>', as `prefix:local` when a namespace holds it; returns whether it did. */
static int put_prefixed(Buffer *b, const char *iri, Py_ssize_t iri_n, const Namespaces *names)
{
    const Namespace *ns = namespace_of(iri, iri_n, names);
    if (!ns) return 0;
    put(b, ns->prefix, ns->prefix_n);
    put(b, ":", 1);
    put(b, iri + ns->ns_n, iri_n - ns->ns_n);
    return 1;
}

/* Append an IRI term `<...>` as a prefixed name where it can be one, else as it is. */
static void put_iri(Buffer *b, const char *term, Py_ssize_t n, const Namespaces *names)
{
    if (n > 2 && term[0] == '<' && term[n - 1] == '>' && put_prefixed(b, term + 1, n - 2, names)) return;
    put(b, term, n);
}

static const char RDF_TYPE[] = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

static int is_rdf_type(const char *p, Py_ssize_t p_n)
{
    return p_n == (Py_ssize_t)sizeof(RDF_TYPE) - 1 && memcmp(p, RDF_TYPE, sizeof(RDF_TYPE) - 1) == 0;
}

/* Where the last `what` starts in `term`, or -1. */
static Py_ssize_t last_of(const char *term, Py_ssize_t n, const char *what, Py_ssize_t what_n)
{
    for (Py_ssize_t i = n - what_n; i >= 0; i--)
        if (memcmp(term + i, what, (size_t)what_n) == 0) return i;
    return -1;
}

/* A sorted line's predicate and object (its subject is the line's first token); -1 when it is not
   'subject predicate object .\n'. */
static int split_statement(const Line *line, const char **p, Py_ssize_t *p_n, const char **o, Py_ssize_t *o_n)
{
    if (line->t + 1 >= line->n) return -1;  /* no space after the subject */
    *p = line->p + line->t + 1;
    const char *space = memchr(*p, ' ', (size_t)(line->n - line->t - 1));
    if (!space) return -1;
    *p_n = space - *p;
    *o = space + 1;
    *o_n = line->n - (*o - line->p) - 3;  /* ' .\n' ends the line */
    return *o_n < 1 ? -1 : 0;
}

/* An object: an IRI or the datatype of a typed literal may become a prefixed name. */
static void put_object(Buffer *b, const char *term, Py_ssize_t n, const Namespaces *names)
{
    if (n > 0 && term[n - 1] == '>') {
        if (term[0] == '<') {
            put_iri(b, term, n, names);
            return;
        }
        Py_ssize_t i = term[0] == '"' ? last_of(term, n, "^^<", 3) : -1;
        if (i > 0) {  /* "lexical"^^<datatype>: no IRI holds '^', so the last "^^<" starts it */
            put(b, term, i + 2);
            put_iri(b, term + i + 2, n - i - 2, names);
            return;
        }
    }
    put(b, term, n);
}

/* Sorted lines as Turtle statements, one block per subject (as turtle.write_blocks). */
static int write_turtle(Buffer *b, const Line *lines, Py_ssize_t count, const char *indent, Py_ssize_t indent_n,
                        const Namespaces *names)
{
    const char *predicate = NULL, *p, *o;
    Py_ssize_t group = -1, predicate_n = 0, p_n, o_n;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (split_statement(&lines[i], &p, &p_n, &o, &o_n)) return -2;
        if (lines[i].group != group) {
            if (group >= 0) put(b, " .\n", 3);
            put(b, indent, indent_n);
            put_iri(b, lines[i].p, lines[i].t, names);
            put(b, " ", 1);
        } else if (p_n == predicate_n && memcmp(p, predicate, (size_t)p_n) == 0) {
            put(b, " , ", 3);
            put_object(b, o, o_n, names);
            continue;
        } else {
            put(b, " ;\n", 3);
            put(b, indent, indent_n);
            put(b, "\t", 1);
        }
        if (is_rdf_type(p, p_n))
            put(b, "a", 1);
        else
            put_iri(b, p, p_n, names);
        put(b, " ", 1);
        put_object(b, o, o_n, names);
        group = lines[i].group;
        predicate = p;
        predicate_n = p_n;
    }
    if (group >= 0) put(b, " .\n", 3);
    return 0;
}

/* The JSON string naming an IRI (a CURIE where it can be one) or a blank node (as jsonld._Writer.id). */
static void put_id(Buffer *b, const char *term, Py_ssize_t n, const Namespaces *names)
{
    put(b, "\"", 1);
    if (n >= 2 && term[0] == '<') {
        if (!put_prefixed(b, term + 1, n - 2, names)) put(b, term + 1, n - 2);
    } else {
        put(b, term, n);
    }
    put(b, "\"", 1);
}

/* The JSON-LD value of an N-Triples object that is not a plain string (as jsonld._Writer.value). */
static int put_value(Buffer *b, const char *term, Py_ssize_t n, const Namespaces *names)
{
    if (term[0] != '"') {  /* <iri> or _:blank */
        put(b, "{\"@id\": ", 8);
        put_id(b, term, n, names);
        put(b, "}", 1);
        return 0;
    }
    if (term[n - 1] == '>') {  /* "lexical"^^<datatype> */
        Py_ssize_t cut = last_of(term, n, "\"^^<", 4);
        if (cut < 0) return -2;
        put(b, "{\"@type\": ", 10);
        put_id(b, term + cut + 3, n - cut - 3, names);
        put(b, ", \"@value\": ", 12);
        put(b, term, cut + 1);
        put(b, "}", 1);
        return 0;
    }
    Py_ssize_t cut = last_of(term, n, "\"@", 2);  /* "lexical"@lang */
    if (cut < 0) return -2;
    put(b, "{\"@language\": \"", 15);
    put(b, term + cut + 2, n - cut - 2);
    put(b, "\", \"@value\": ", 13);
    put(b, term, cut + 1);
    put(b, "}", 1);
    return 0;
}

/* Sorted lines as JSON-LD node objects, ",\n" between them (as jsonld._Writer.write_nodes): every rdf:type
   object must be an IRI or a blank node (its key is @type). */
static int write_jsonld(Buffer *b, const Line *lines, Py_ssize_t count, const Namespaces *names)
{
    const char *predicate = NULL, *p, *o;
    Py_ssize_t group = -1, predicate_n = 0, p_n, o_n;
    int is_type = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (split_statement(&lines[i], &p, &p_n, &o, &o_n)) return -2;
        int new_key = 1;
        if (lines[i].group != group) {
            if (group >= 0) put(b, "]},\n", 4);
            put(b, "{\"@id\": ", 8);
            put_id(b, lines[i].p, lines[i].t, names);
            put(b, ", ", 2);
            group = lines[i].group;
        } else if (p_n == predicate_n && memcmp(p, predicate, (size_t)p_n) == 0) {
            put(b, ", ", 2);
            new_key = 0;
        } else {
            put(b, "], ", 3);
        }
        if (new_key) {
            predicate = p;
            predicate_n = p_n;
            is_type = is_rdf_type(p, p_n);
            if (is_type) {
                put(b, "\"@type\": [", 10);
            } else {
                put_id(b, p, p_n, names);
                put(b, ": [", 3);
            }
        }
        if (o[o_n - 1] == '"')  /* a plain string: a JSON string as it is */
            put(b, o, o_n);
        else if (is_type)
            put_id(b, o, o_n, names);
        else if (put_value(b, o, o_n, names))
            return -2;
    }
    if (group >= 0) put(b, "]}", 2);
    return 0;
}

/* Sorted lines joined; with a graph term, each line as an N-Quads line of that graph. */
static int write_lines(Buffer *b, const Line *lines, Py_ssize_t count, const char *graph, Py_ssize_t graph_n)
{
    for (Py_ssize_t i = 0; i < count; i++) {
        if (graph && lines[i].n >= 3 && memcmp(lines[i].p + lines[i].n - 3, " .\n", 3) == 0) {
            put(b, lines[i].p, lines[i].n - 3);
            put(b, " ", 1);
            put(b, graph, graph_n);
            put(b, " .\n", 3);
        } else {
            put(b, lines[i].p, lines[i].n);
        }
    }
    return 0;
}

/* The output, cut to what was written, or NULL with the error set. */
static PyObject *finish(Buffer *b, int status)
{
    if (status == -1 && !PyErr_Occurred())
        PyErr_NoMemory();
    else if (status == -2)
        PyErr_SetString(PyExc_ValueError, "not an N-Triples line: 'subject predicate object .' expected");
    if (status) {
        Py_CLEAR(b->bytes);
        return NULL;
    }
    if (_PyBytes_Resize(&b->bytes, b->n)) return NULL;
    return b->bytes;
}

/* What lines_size() and turtle_size() bound: the bytes of the lines kept. */
static Py_ssize_t total(const Line *lines, Py_ssize_t count)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < count; i++) n += lines[i].n;
    return n;
}

static int optional_bytes(PyObject *value, const char **p, Py_ssize_t *n, const char *what)
{
    *p = NULL;
    *n = 0;
    if (value == Py_None) return 0;
    if (!PyBytes_Check(value)) {
        PyErr_Format(PyExc_TypeError, "%s must be bytes or None", what);
        return -1;
    }
    *p = PyBytes_AS_STRING(value);
    *n = PyBytes_GET_SIZE(value);
    return 0;
}

PyDoc_STRVAR(sorted_block_doc,
"sorted_block(data, distinct, drop=None, graph=None) -> bytes\n\n"
"The lines of N-Triples `data` sorted as bytes and joined (repeats dropped unless `distinct`, lines equal\n"
"to `drop` left out); with `graph` (an N-Quads graph term), each line as an N-Quads line of that graph.");

static PyObject *sorted_block(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"data", "distinct", "drop", "graph", NULL};
    Py_buffer data;
    int distinct;
    PyObject *drop_obj = Py_None, *graph_obj = Py_None;
    const char *drop, *graph;
    Py_ssize_t drop_n, graph_n, count;
    Line *lines;
    Buffer b = {NULL, 0, NULL};
    int status = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*p|OO", keywords, &data, &distinct, &drop_obj, &graph_obj))
        return NULL;
    if (optional_bytes(drop_obj, &drop, &drop_n, "drop") || optional_bytes(graph_obj, &graph, &graph_n, "graph")) {
        PyBuffer_Release(&data);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    count = sort_lines(data.buf, data.len, distinct, drop, drop_n, &lines);
    Py_END_ALLOW_THREADS
    /* each line as it is, or with ' ' and the graph term added */
    if (count < 0 || reserve(&b, total(lines, count) + count * (graph ? graph_n + 1 : 0)))
        status = -1;
    else {
        Py_BEGIN_ALLOW_THREADS
        status = write_lines(&b, lines, count, graph, graph_n);
        Py_END_ALLOW_THREADS
    }
    free(lines);
    PyBuffer_Release(&data);
    return finish(&b, status);
}

PyDoc_STRVAR(sorted_lines_doc,
"sorted_lines(data, distinct, drop=None) -> list[bytes]\n\n"
"The lines of N-Triples `data`, each with its newline, sorted as bytes (repeats dropped unless\n"
"`distinct`, lines equal to `drop` left out).");

static PyObject *sorted_lines(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"data", "distinct", "drop", NULL};
    Py_buffer data;
    int distinct;
    PyObject *drop_obj = Py_None, *result = NULL;
    const char *drop;
    Py_ssize_t drop_n, count;
    Line *lines;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*p|O", keywords, &data, &distinct, &drop_obj))
        return NULL;
    if (optional_bytes(drop_obj, &drop, &drop_n, "drop")) {
        PyBuffer_Release(&data);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    count = sort_lines(data.buf, data.len, distinct, drop, drop_n, &lines);
    Py_END_ALLOW_THREADS
    if (count < 0) {
        PyErr_NoMemory();
    } else if ((result = PyList_New(count)) != NULL) {
        for (Py_ssize_t i = 0; i < count; i++) {
            PyObject *line = PyBytes_FromStringAndSize(lines[i].p, lines[i].n);
            if (!line) {
                Py_CLEAR(result);
                break;
            }
            PyList_SET_ITEM(result, i, line);
        }
    }
    free(lines);
    PyBuffer_Release(&data);
    return result;
}

static int read_namespaces(PyObject *namespaces_obj, PyObject **seq, Namespaces *names)
{
    *seq = PySequence_Fast(namespaces_obj, "namespaces must be a sequence of (namespace, prefix) pairs");
    if (!*seq) return -1;
    names->n = PySequence_Fast_GET_SIZE(*seq);
    names->items = PyMem_Calloc((size_t)(names->n ? names->n : 1), sizeof(Namespace));
    if (!names->items) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < names->n; i++) {
        Namespace *ns = &names->items[i];
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(*seq, i), "y#y#;a namespace is a (namespace, prefix) pair",
                              &ns->ns, &ns->ns_n, &ns->prefix, &ns->prefix_n))
            return -1;
        /* a prefixed name must never be longer than its IRI: the output's size is bounded by the input's */
        if (ns->prefix_n + 1 > ns->ns_n + 2) {
            PyErr_SetString(PyExc_ValueError, "a prefix longer than its namespace");
            return -1;
        }
    }
    prepare_namespaces(names);
    return 0;
}

PyDoc_STRVAR(turtle_block_doc,
"turtle_block(data, distinct, drop, indent, namespaces) -> bytes\n\n"
"The lines of N-Triples `data`, sorted as `sorted_lines` sorts them, as Turtle statements: one block\n"
"per subject, each line indented by `indent`, IRIs in one of `namespaces` (a sequence of (namespace,\n"
"prefix) bytes pairs, tried in order) written as prefixed names where the local part is a safe name.");

static PyObject *turtle_block(PyObject *self, PyObject *args)
{
    Py_buffer data;
    int distinct;
    PyObject *drop_obj, *namespaces_obj, *seq = NULL;
    const char *drop, *indent;
    Py_ssize_t drop_n, indent_n, count;
    Namespaces names = {NULL, 0, 0};
    Line *lines;
    Buffer b = {NULL, 0, NULL};
    int status = 0;
    if (!PyArg_ParseTuple(args, "y*pOy#O", &data, &distinct, &drop_obj, &indent, &indent_n, &namespaces_obj))
        return NULL;
    if (optional_bytes(drop_obj, &drop, &drop_n, "drop") || read_namespaces(namespaces_obj, &seq, &names))
        goto error;
    Py_BEGIN_ALLOW_THREADS
    count = sort_lines(data.buf, data.len, distinct, drop, drop_n, &lines);
    Py_END_ALLOW_THREADS
    /* A statement takes at most its line's bytes plus the indent and a tab: its spaces and ' .\n' become
       the separators (' ', ' ;\n', ' , '), and a later line of a subject drops the subject; then ' .\n'. */
    if (count < 0 || reserve(&b, total(lines, count) + count * (indent_n + 1) + 3))
        status = -1;
    else {
        Py_BEGIN_ALLOW_THREADS
        status = write_turtle(&b, lines, count, indent, indent_n, &names);
        Py_END_ALLOW_THREADS
    }
    free(lines);
    PyMem_Free(names.items);
    Py_DECREF(seq);  /* the namespaces' bytes were read through it: released only now */
    PyBuffer_Release(&data);
    return finish(&b, status);
error:
    PyMem_Free(names.items);
    Py_XDECREF(seq);
    PyBuffer_Release(&data);
    return NULL;
}

PyDoc_STRVAR(jsonld_nodes_doc,
"jsonld_nodes(data, distinct, namespaces) -> bytes\n\n"
"The lines of N-Triples `data`, sorted as `sorted_lines` sorts them, as JSON-LD node objects: one per\n"
"subject, `@id` first, then a key per predicate (CURIEs from `namespaces`, `@type` for rdf:type, whose\n"
"objects must all be IRIs or blank nodes), values in line order, \",\\n\" between nodes.");

static PyObject *jsonld_nodes(PyObject *self, PyObject *args)
{
    Py_buffer data;
    int distinct, status = 0;
    PyObject *namespaces_obj, *seq = NULL, *result = NULL;
    Py_ssize_t count = 0;
    Namespaces names = {NULL, 0, 0};
    Line *lines = NULL;
    Buffer b = {NULL, 0, NULL};
    if (!PyArg_ParseTuple(args, "y*pO", &data, &distinct, &namespaces_obj))
        return NULL;
    if (read_namespaces(namespaces_obj, &seq, &names) == 0) {
        Py_BEGIN_ALLOW_THREADS
        count = sort_lines(data.buf, data.len, distinct, NULL, 0, &lines);
        Py_END_ALLOW_THREADS
        /* a statement takes at most its line's bytes and 64 more: '{"@id": ', '{"@language": "', quotes,
           separators; then ']}' */
        if (count < 0 || reserve(&b, total(lines, count) + count * 64 + 2))
            status = -1;
        else {
            Py_BEGIN_ALLOW_THREADS
            status = write_jsonld(&b, lines, count, &names);
            Py_END_ALLOW_THREADS
        }
        free(lines);
        result = finish(&b, status);
    }
    PyMem_Free(names.items);
    Py_XDECREF(seq);
    PyBuffer_Release(&data);
    return result;
}

/* -- the dataset description's figures ------------------------------------------------------------------ */

typedef struct {
    unsigned long long h;
    const char *p;  /* NULL: the slot is free */
    Py_ssize_t n;
    Py_ssize_t count;
} Slot;

typedef struct {
    Slot *slots;
    size_t mask;  /* capacity - 1, a power of two */
    size_t used;
} Table;

static unsigned long long hash_term(const char *p, Py_ssize_t n)
{
    unsigned long long h = 0xcbf29ce484222325ULL ^ (unsigned long long)n;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {  /* eight bytes at a time, then the tail byte by byte */
        unsigned long long w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001B3ULL;
    return h ^ (h >> 32);
}

static int table_init(Table *t, size_t capacity)
{
    size_t c = 16;
    while (c < capacity) c <<= 1;
    t->slots = calloc(c, sizeof(Slot));
    t->mask = c - 1;
    t->used = 0;
    return t->slots ? 0 : -1;
}

/* The slot of a term, added with count 0 when new (*added set); NULL when memory runs out. */
static Slot *table_find(Table *t, const char *p, Py_ssize_t n, int *added)
{
    if ((t->used + 1) * 2 > t->mask + 1) {  /* at most half full */
        Table grown;
        if (table_init(&grown, (t->mask + 1) * 2)) return NULL;
        for (size_t i = 0; i <= t->mask; i++) {
            if (!t->slots[i].p) continue;
            size_t j = t->slots[i].h & grown.mask;
            while (grown.slots[j].p) j = (j + 1) & grown.mask;
            grown.slots[j] = t->slots[i];
        }
        grown.used = t->used;
        free(t->slots);
        *t = grown;
    }
    unsigned long long h = hash_term(p, n);
    size_t i = h & t->mask;
    while (t->slots[i].p) {
        Slot *s = &t->slots[i];
        if (s->h == h && s->n == n && memcmp(s->p, p, (size_t)n) == 0) {
            *added = 0;
            return s;
        }
        i = (i + 1) & t->mask;
    }
    t->slots[i].h = h;
    t->slots[i].p = p;
    t->slots[i].n = n;
    t->slots[i].count = 0;
    t->used++;
    *added = 1;
    return &t->slots[i];
}

typedef struct {
    Py_ssize_t triples, entities;
    Table subjects, objects, properties, classes, links;
} Figures;

/* The line at `p` (before `end`): its length with its newline, and where its subject and predicate end (at the
   space after each); 0 when it is not laid out 'subject predicate object .\n'. */
static int split_line(const char *p, const char *end, Py_ssize_t *len, const char **s_end, const char **p_end)
{
    *len = line_length(p, end);
    *s_end = memchr(p, ' ', (size_t)*len);
    *p_end = *s_end ? memchr(*s_end + 1, ' ', (size_t)(p + *len - *s_end - 1)) : NULL;
    return *p_end && *len >= 4 && memcmp(p + *len - 3, " .\n", 3) == 0 && p + *len - 3 > *p_end + 1;
}

/* 0, -1 (memory) or -2 (not an N-Triples line). */
static int count_figures(const char *data, Py_ssize_t size, const char *entity, Py_ssize_t entity_n,
                         const char *link, Py_ssize_t link_n, Figures *f)
{
    const char *p = data, *end = data + size;
    Py_ssize_t type_n = (Py_ssize_t)sizeof(RDF_TYPE) - 1;
    int added;
    if (table_init(&f->subjects, 1024) || table_init(&f->objects, 1024) || table_init(&f->properties, 64)
            || table_init(&f->classes, 64) || table_init(&f->links, 16))
        return -1;
    while (p < end) {
        Py_ssize_t len;
        const char *s_end, *p_end;
        if (!split_line(p, end, &len, &s_end, &p_end)) return -2;
        const char *o = p_end + 1, *pred = s_end + 1;
        Py_ssize_t s_n = s_end - p, p_n = p_end - pred, o_n = p + len - 3 - o;
        Slot *slot;
        f->triples++;
        if (!(slot = table_find(&f->subjects, p, s_n, &added))) return -1;
        if (added && s_n >= entity_n && memcmp(p, entity, (size_t)entity_n) == 0) f->entities++;
        if (!table_find(&f->objects, o, o_n, &added)) return -1;
        if (!(slot = table_find(&f->properties, pred, p_n, &added))) return -1;
        slot->count++;
        if (p_n == type_n && o[0] == '<' && memcmp(pred, RDF_TYPE, (size_t)type_n) == 0) {
            if (!(slot = table_find(&f->classes, o, o_n, &added))) return -1;
            slot->count++;
        }
        if (o_n >= link_n && memcmp(o, link, (size_t)link_n) == 0) {
            if (!(slot = table_find(&f->links, pred, p_n, &added))) return -1;
            slot->count++;
        }
        p += len;
    }
    return 0;
}

/* {term: count} of a table's terms (IRIs, '<' and '>' left out). */
static PyObject *counted_terms(const Table *t)
{
    PyObject *out = PyDict_New();
    for (size_t i = 0; out && i <= t->mask; i++) {
        const Slot *s = &t->slots[i];
        if (!s->p) continue;
        PyObject *key = PyUnicode_DecodeUTF8(s->p + 1, s->n - 2, "strict");
        PyObject *value = key ? PyLong_FromSsize_t(s->count) : NULL;
        if (!value || PyDict_SetItem(out, key, value)) Py_CLEAR(out);
        Py_XDECREF(key);
        Py_XDECREF(value);
    }
    return out;
}

PyDoc_STRVAR(ntriples_figures_doc,
"ntriples_figures(data, entity, link) -> (triples, entities, subjects, objects, properties, classes, links)\n\n"
"The VoID figures of N-Triples `data` that holds each triple once (a store's graph dumped): its lines,\n"
"distinct subjects (those whose N-Triples term starts with `entity`: entities), distinct objects, and\n"
"{IRI: count} of the lines per predicate, of the lines 'a <class>' per class, and of the lines whose object\n"
"starts with `link` per predicate.");

static PyObject *ntriples_figures(PyObject *self, PyObject *args)
{
    Py_buffer data;
    const char *entity, *link;
    Py_ssize_t entity_n, link_n;
    Figures f;
    int status;
    PyObject *result = NULL;
    memset(&f, 0, sizeof f);
    if (!PyArg_ParseTuple(args, "y*y#y#", &data, &entity, &entity_n, &link, &link_n))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    status = count_figures(data.buf, data.len, entity, entity_n, link, link_n, &f);
    Py_END_ALLOW_THREADS
    if (status == -1)
        PyErr_NoMemory();
    else if (status == -2)
        PyErr_SetString(PyExc_ValueError, "not an N-Triples line: 'subject predicate object .' expected");
    else {
        PyObject *properties = counted_terms(&f.properties), *classes = counted_terms(&f.classes),
                 *links = counted_terms(&f.links);
        if (properties && classes && links)
            result = Py_BuildValue("nnnnOOO", f.triples, f.entities, (Py_ssize_t)f.subjects.used,
                                   (Py_ssize_t)f.objects.used, properties, classes, links);
        Py_XDECREF(properties);
        Py_XDECREF(classes);
        Py_XDECREF(links);
    }
    free(f.subjects.slots);
    free(f.objects.slots);
    free(f.properties.slots);
    free(f.classes.slots);
    free(f.links.slots);
    PyBuffer_Release(&data);
    return result;
}

/* -- the union of a store's graphs, from the text its quads were added as ----------------------------------- */

static const char XSD[] = "<http://www.w3.org/2001/XMLSchema#";

/* Whether "0" or an optional '-' and 1-18 digits, the first not 0: an xsd:integer's canonical form, in the
   range a store keeps as a number and writes back the same. */
static int canonical_integer(const char *p, Py_ssize_t n)
{
    if (n == 1 && p[0] == '0') return 1;
    if (n && p[0] == '-') {
        p++;
        n--;
    }
    if (n < 1 || n > 18 || p[0] == '0') return 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    return 1;
}

/* Whether a store writes an object term back as it stands: IRIs, blank nodes, simple literals, literals with a
   language tag of no capital letters, of a datatype outside XML Schema's, of xsd:anyURI, and canonical
   xsd:integer ones. Other XML Schema literals are kept as values (xsd:string as a simple literal, a date with
   its zone normalised...) and language tags in lower case, so their text may come back otherwise. */
static int kept_as_written(const char *o, Py_ssize_t n)
{
    Py_ssize_t xsd_n = (Py_ssize_t)sizeof(XSD) - 1, close = n - 1;
    if (n < 2 || o[0] != '"') return 1;
    while (close > 0 && o[close] != '"') close--;  /* a language tag or datatype IRI holds no '"' */
    const char *suffix = o + close + 1;
    Py_ssize_t suffix_n = n - close - 1;
    if (suffix_n == 0) return 1;
    if (suffix[0] == '@') {
        for (Py_ssize_t i = 1; i < suffix_n; i++)
            if (suffix[i] >= 'A' && suffix[i] <= 'Z') return 0;
        return 1;
    }
    if (suffix_n < 3 || suffix[0] != '^' || suffix[1] != '^') return 0;
    const char *datatype = suffix + 2;
    Py_ssize_t datatype_n = suffix_n - 2;
    if (datatype_n < xsd_n || memcmp(datatype, XSD, (size_t)xsd_n) != 0) return 1;
    const char *local = datatype + xsd_n;
    Py_ssize_t local_n = datatype_n - xsd_n;
    if (local_n == 7 && memcmp(local, "anyURI>", 7) == 0) return 1;
    if (local_n == 8 && memcmp(local, "integer>", 8) == 0) return canonical_integer(o + 1, close - 1);
    return 0;
}

/* Each distinct triple of `texts` once, in the order first met, into `kept` or `other` (see union_lines); with
   `graph` (an N-Quads term), the last text is N-Quads of that graph alone and the others N-Triples (see
   graph_lines). 0, -1 (memory) or -2 (not a line of the layout). */
static int distinct_triples(Py_buffer *texts, Py_ssize_t count, int quads, const char *graph, Py_ssize_t graph_n,
                            Buffer *kept, Buffer *other)
{
    Table seen;
    Py_ssize_t lines = 0;
    int added, status = 0;
    for (Py_ssize_t t = 0; t < count; t++)
        lines += texts[t].len / 128;  /* a page's N-Quads lines average some 240 bytes: room for the distinct */
    if (table_init(&seen, (size_t)lines)) return -1;
    for (Py_ssize_t t = 0; t < count && !status; t++) {
        const char *p = texts[t].buf, *end = p + texts[t].len;
        int of_graph = graph && t == count - 1;
        while (p < end) {
            Py_ssize_t len;
            const char *s_end, *p_end;
            if (*p == '\n') {  /* an empty line */
                p++;
                continue;
            }
            if (!split_line(p, end, &len, &s_end, &p_end)) {
                status = -2;
                break;
            }
            Py_ssize_t triple_n = len - 3;  /* 'subject predicate object', without ' .\n' */
            if (of_graph) {  /* and without ' graph', which must be this one */
                triple_n -= graph_n + 1;
                if (triple_n <= p_end + 1 - p || p[triple_n] != ' '
                        || memcmp(p + triple_n + 1, graph, (size_t)graph_n) != 0) {
                    status = -2;
                    break;
                }
            } else if (quads && !graph) {  /* and without ' graph': a graph term holds no space */
                do triple_n--; while (triple_n > p_end + 1 - p && p[triple_n] != ' ');
                if (triple_n <= p_end + 1 - p) {
                    status = -2;
                    break;
                }
            }
            if (!table_find(&seen, p, triple_n, &added)) {
                status = -1;
                break;
            }
            if (added) {
                Buffer *to = kept_as_written(p_end + 1, p + triple_n - p_end - 1) ? kept : other;
                put(to, p, triple_n);
                put(to, " .\n", 3);
            }
            p += len;
        }
    }
    free(seen.slots);
    return status;
}

PyDoc_STRVAR(union_lines_doc,
"union_lines(texts, quads) -> (bytes, bytes)\n\n"
"The distinct triples of the N-Quads (`quads`) or N-Triples `texts` (a sequence of bytes), as N-Triples\n"
"lines in the order first met: those whose object a store writes back as it stands, then the others\n"
"(literals of an XML Schema datatype it keeps as a value, language tags with capitals), which the caller\n"
"passes through a store for their canonical form. Texts as this project's serialiser writes them: a term\n"
"holds no raw space except inside a literal, and every line ends with ' .\\n'.");

static PyObject *distinct_lines(PyObject *texts_obj, int quads, const char *graph, Py_ssize_t graph_n)
{
    PyObject *seq, *result = NULL;
    int status = 0;
    Py_ssize_t count, size = 0, got = 0;
    Py_buffer *texts;
    Buffer kept = {NULL, 0, NULL}, other = {NULL, 0, NULL};
    if (!(seq = PySequence_Fast(texts_obj, "texts must be a sequence of bytes"))) return NULL;
    count = PySequence_Fast_GET_SIZE(seq);
    texts = PyMem_Calloc((size_t)(count ? count : 1), sizeof(Py_buffer));
    if (!texts) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for (; got < count; got++) {
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(seq, got), &texts[got], PyBUF_SIMPLE)) {
            status = -3;
            break;
        }
        size += texts[got].len;
    }
    /* every line at most as long as it came (a quad loses its graph) */
    if (!status && (reserve(&kept, size) || reserve(&other, size))) status = -1;
    if (!status) {
        Py_BEGIN_ALLOW_THREADS
        status = distinct_triples(texts, count, quads, graph, graph_n, &kept, &other);
        Py_END_ALLOW_THREADS
    }
    for (Py_ssize_t i = 0; i < got; i++) PyBuffer_Release(&texts[i]);
    PyMem_Free(texts);
    Py_DECREF(seq);
    if (status == -3) {
        Py_XDECREF(kept.bytes);
        Py_XDECREF(other.bytes);
        return NULL;
    }
    PyObject *first = finish(&kept, status);
    PyObject *second = finish(&other, first ? status : -4);
    if (first && second) result = PyTuple_Pack(2, first, second);
    Py_XDECREF(first);
    Py_XDECREF(second);
    return result;
}

static PyObject *union_lines(PyObject *self, PyObject *args)
{
    PyObject *texts_obj;
    int quads;
    if (!PyArg_ParseTuple(args, "Op", &texts_obj, &quads)) return NULL;
    return distinct_lines(texts_obj, quads, NULL, 0);
}

PyDoc_STRVAR(graph_lines_doc,
"graph_lines(texts, graph) -> (bytes, bytes)\n\n"
"union_lines of N-Triples `texts` (a sequence of bytes) whose last item is N-Quads of `graph` (an N-Quads\n"
"term) alone, cut off its lines: ValueError when a line of it is not 'subject predicate object graph .'.");

static PyObject *graph_lines(PyObject *self, PyObject *args)
{
    PyObject *texts_obj;
    const char *graph;
    Py_ssize_t graph_n;
    if (!PyArg_ParseTuple(args, "Oy#", &texts_obj, &graph, &graph_n)) return NULL;
    if (PySequence_Size(texts_obj) < 1) {
        PyErr_SetString(PyExc_ValueError, "graph_lines needs the graph's N-Quads last");
        return NULL;
    }
    return distinct_lines(texts_obj, 0, graph, graph_n);
}

PyDoc_STRVAR(count_lines_doc,
"count_lines(texts) -> list[int]\n\n"
"The newlines in each of `texts` (a sequence of bytes).");

static PyObject *count_lines(PyObject *self, PyObject *args)
{
    PyObject *texts_obj, *seq, *result;
    if (!PyArg_ParseTuple(args, "O", &texts_obj)) return NULL;
    if (!(seq = PySequence_Fast(texts_obj, "texts must be a sequence of bytes"))) return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    result = PyList_New(count);
    for (Py_ssize_t t = 0; result && t < count; t++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, t);
        if (!PyBytes_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "texts must be bytes");
            Py_CLEAR(result);
            break;
        }
        const char *p = PyBytes_AS_STRING(item);
        PyObject *value = PyLong_FromSsize_t(count_newlines(p, p + PyBytes_GET_SIZE(item)));
        if (!value) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, t, value);
    }
    Py_DECREF(seq);
    return result;
}

PyDoc_STRVAR(with_graph_doc,
"with_graph(data, graph) -> bytes\n\n"
"N-Triples `data` as N-Quads lines of `graph` (an N-Quads term), in order.");

static PyObject *with_graph(PyObject *self, PyObject *args)
{
    Py_buffer data;
    const char *graph;
    Py_ssize_t graph_n;
    Buffer b = {NULL, 0, NULL};
    int status = 0;
    if (!PyArg_ParseTuple(args, "y*y#", &data, &graph, &graph_n)) return NULL;
    const char *p = data.buf, *end = p + data.len;
    if (reserve(&b, data.len + count_newlines(p, end) * (graph_n + 1))) {
        PyBuffer_Release(&data);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    while (p < end) {
        Py_ssize_t len = line_length(p, end);
        if (len < 3 || memcmp(p + len - 3, " .\n", 3) != 0) {
            status = -2;
            break;
        }
        put(&b, p, len - 2);
        put(&b, graph, graph_n);
        put(&b, " .\n", 3);
        p += len;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&data);
    return finish(&b, status);
}

PyDoc_STRVAR(predicate_lines_doc,
"predicate_lines(data, predicate) -> bytes\n\n"
"The lines of N-Triples `data` whose predicate is `predicate` (an N-Triples IRI term, '<...>'), in order.");

static PyObject *predicate_lines(PyObject *self, PyObject *args)
{
    Py_buffer data;
    const char *predicate;
    Py_ssize_t predicate_n;
    Buffer b = {NULL, 0, NULL};
    int status = 0;
    if (!PyArg_ParseTuple(args, "y*y#", &data, &predicate, &predicate_n)) return NULL;
    if (reserve(&b, data.len)) {
        PyBuffer_Release(&data);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    const char *p = data.buf, *end = p + data.len;
    while (p < end) {
        Py_ssize_t len = line_length(p, end);
        const char *space = memchr(p, ' ', (size_t)len);
        if (!space) {
            status = -2;
            break;
        }
        Py_ssize_t rest = p + len - space - 1;
        if (rest > predicate_n && memcmp(space + 1, predicate, (size_t)predicate_n) == 0
                && space[1 + predicate_n] == ' ')
            put(&b, p, len);
        p += len;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&data);
    return finish(&b, status);
}

PyDoc_STRVAR(subject_lines_doc,
"subject_lines(texts, subjects) -> list[bytes]\n\n"
"For each of N-Triples or N-Quads `texts` (a sequence of bytes), its lines whose subject is one of `subjects`\n"
"(a sequence of N-Triples terms, each as bytes), in order: one pass over the texts for any number of subjects.");

static PyObject *subject_lines(PyObject *self, PyObject *args)
{
    PyObject *texts_obj, *subjects_obj, *texts_seq = NULL, *subjects_seq = NULL, *result = NULL;
    Py_buffer *texts = NULL;
    Py_ssize_t count = 0, got = 0, found = 0, room = 0;
    Table wanted = {NULL, 0, 0};
    Line *matches = NULL;
    int status = 0, added;
    if (!PyArg_ParseTuple(args, "OO", &texts_obj, &subjects_obj)) return NULL;
    if (!(texts_seq = PySequence_Fast(texts_obj, "texts must be a sequence of bytes"))) return NULL;
    if (!(subjects_seq = PySequence_Fast(subjects_obj, "subjects must be a sequence of bytes"))) goto done;
    Py_ssize_t subject_count = PySequence_Fast_GET_SIZE(subjects_seq);
    if (table_init(&wanted, (size_t)subject_count * 2)) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < subject_count; i++) {
        PyObject *term = PySequence_Fast_GET_ITEM(subjects_seq, i);
        if (!PyBytes_Check(term)) {
            PyErr_SetString(PyExc_TypeError, "subjects must be bytes");
            goto done;
        }
        if (!table_find(&wanted, PyBytes_AS_STRING(term), PyBytes_GET_SIZE(term), &added)) {
            PyErr_NoMemory();
            goto done;
        }
    }
    count = PySequence_Fast_GET_SIZE(texts_seq);
    texts = PyMem_Calloc((size_t)(count ? count : 1), sizeof(Py_buffer));
    if (!texts) {
        PyErr_NoMemory();
        goto done;
    }
    for (; got < count; got++)
        if (PyObject_GetBuffer(PySequence_Fast_GET_ITEM(texts_seq, got), &texts[got], PyBUF_SIMPLE)) goto done;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t t = 0; t < count && !status; t++) {
        const char *p = texts[t].buf, *end = p + texts[t].len;
        while (p < end) {
            Py_ssize_t len = line_length(p, end);
            const char *space = memchr(p, ' ', (size_t)len);
            if (space && wanted.used) {
                Py_ssize_t n = space - p;
                unsigned long long h = hash_term(p, n);
                size_t i = h & wanted.mask;
                while (wanted.slots[i].p) {
                    const Slot *s = &wanted.slots[i];
                    if (s->h == h && s->n == n && memcmp(s->p, p, (size_t)n) == 0) {
                        if (found == room) {
                            Line *grown = realloc(matches, (size_t)(room = room ? room * 2 : 64) * sizeof(Line));
                            if (!grown) {
                                status = -1;
                                break;
                            }
                            matches = grown;
                        }
                        matches[found].p = p;
                        matches[found].group = t;  /* the text it is from */
                        matches[found++].n = len;
                        break;
                    }
                    i = (i + 1) & wanted.mask;
                }
                if (status) break;
            }
            p += len;
        }
    }
    Py_END_ALLOW_THREADS
    if (status) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyList_New(count);
    for (Py_ssize_t t = 0, i = 0; result && t < count; t++) {
        Py_ssize_t first = i, n = 0;
        for (; i < found && matches[i].group == t; i++) n += matches[i].n;
        PyObject *text = PyBytes_FromStringAndSize(NULL, n);
        if (!text) {
            Py_CLEAR(result);
            break;
        }
        char *out = PyBytes_AS_STRING(text);
        for (Py_ssize_t k = first; k < i; k++) {
            memcpy(out, matches[k].p, (size_t)matches[k].n);
            out += matches[k].n;
        }
        PyList_SET_ITEM(result, t, text);
    }
done:
    for (Py_ssize_t i = 0; i < got; i++) PyBuffer_Release(&texts[i]);
    PyMem_Free(texts);
    free(wanted.slots);
    free(matches);
    Py_XDECREF(subjects_seq);
    Py_DECREF(texts_seq);
    return result;
}

/* -- file ranges copied and hashed ---------------------------------------------------------------------
   A rebuild copies and hashes hundreds of MB of the previous build's files in threads (osce_kg/output_reuse.py)
   while its main thread runs Python: each system call made from Python leaves the GIL and waits to take it
   back, up to the interpreter's switch interval (5 ms) behind a busy thread. These loops take it back once. */

PyDoc_STRVAR(copy_range_doc,
"copy_range(source_fd, out_fd, offset, length, step) -> int\n\n"
"Append `length` bytes of the file `source_fd` from `offset` to `out_fd` (at its position) in the kernel\n"
"(Linux copy_file_range), writeback begun after each `step` bytes (sync_file_range), without the GIL.\n"
"Returns the bytes copied: fewer (0 off Linux) when the kernel cannot copy between these files, the rest\n"
"left to the caller.");

static PyObject *copy_range(PyObject *self, PyObject *args)
{
    int in_fd, out_fd;
    long long offset, length, step, done = 0;
    if (!PyArg_ParseTuple(args, "iiLLL", &in_fd, &out_fd, &offset, &length, &step))
        return NULL;
    if (step <= 0) {
        PyErr_SetString(PyExc_ValueError, "step must be positive");
        return NULL;
    }
#ifdef __linux__
    Py_BEGIN_ALLOW_THREADS
    off_t at = lseek(out_fd, 0, SEEK_CUR);
    while (done < length) {
        off_t from = (off_t)(offset + done);
        size_t want = (size_t)(length - done < step ? length - done : step);
        ssize_t got = copy_file_range(in_fd, &from, out_fd, NULL, want, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;  /* another file system, an old kernel, a short file: the caller's way for the rest */
        if (at >= 0) sync_file_range(out_fd, at + done, got, SYNC_FILE_RANGE_WRITE);  /* a failure: left to fsync */
        done += got;
    }
    Py_END_ALLOW_THREADS
#else
    (void)in_fd; (void)out_fd; (void)offset; (void)length;
#endif
    return PyLong_FromLongLong(done);
}

typedef int (*update_function)(void *ctx, const void *data, size_t size);

PyDoc_STRVAR(hash_range_doc,
"hash_range(update, ctx, ctx_size, fd, offset, length, hashed, step, buffer) -> bytes\n\n"
"Feed `length` bytes of the file `fd` from `offset`, read into `buffer`, to a hash, without the GIL:\n"
"`update` is the address of a C function update(ctx, data, size) returning 1 (OpenSSL's SHA256_Update),\n"
"`ctx` the address of its state (`ctx_size` bytes). `hashed`: the bytes the hash took before; each time\n"
"the bytes taken reach a multiple of `step`, the state is kept: returns the states kept, one after the\n"
"other. OSError when the file is shorter or cannot be read, ValueError when `update` fails.");

static PyObject *hash_range(PyObject *self, PyObject *args)
{
    PyObject *update_obj, *ctx_obj, *result = NULL;
    Py_ssize_t ctx_size;
    int fd, error = 0, failed = 0, shorter = 0;
    long long offset, length, hashed, step;
    Py_buffer buffer;
    if (!PyArg_ParseTuple(args, "OOniLLLLw*", &update_obj, &ctx_obj, &ctx_size, &fd, &offset, &length, &hashed,
                          &step, &buffer))
        return NULL;
    update_function update = (update_function)PyLong_AsVoidPtr(update_obj);
    char *ctx = PyLong_AsVoidPtr(ctx_obj), *states = NULL;
    long long kept = 0, room = 0;
    if (PyErr_Occurred() || !update || !ctx || ctx_size <= 0 || step <= 0 || buffer.len <= 0 || length < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "hash_range: bad arguments");
        goto done;
    }
    room = (length / step + 2) * ctx_size;
    if (!(states = malloc((size_t)room))) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    while (length > 0) {
        long long want = length < buffer.len ? length : buffer.len;
        long long to_step = step - hashed % step;  /* up to the next kept state */
        if (want > to_step) want = to_step;
        ssize_t got = pread(fd, buffer.buf, (size_t)want, (off_t)offset);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) { error = errno; break; }
        if (got == 0) { shorter = 1; break; }
        if (update(ctx, buffer.buf, (size_t)got) != 1) { failed = 1; break; }
        offset += got, length -= got, hashed += got;
        if (hashed % step == 0 && (kept + 1) * ctx_size <= room) {
            memcpy(states + kept * ctx_size, ctx, (size_t)ctx_size);
            kept++;
        }
    }
    Py_END_ALLOW_THREADS
    if (error) {
        errno = error;
        PyErr_SetFromErrno(PyExc_OSError);
    } else if (shorter) {
        PyErr_SetString(PyExc_OSError, "the file is shorter than the range to hash");
    } else if (failed) {
        PyErr_SetString(PyExc_ValueError, "the hash's update failed");
    } else {
        result = PyBytes_FromStringAndSize(states, (Py_ssize_t)(kept * ctx_size));
    }
done:
    free(states);
    PyBuffer_Release(&buffer);
    return result;
}

static PyMethodDef methods[] = {
    {"sorted_block", (PyCFunction)(void (*)(void))sorted_block, METH_VARARGS | METH_KEYWORDS, sorted_block_doc},
    {"sorted_lines", (PyCFunction)(void (*)(void))sorted_lines, METH_VARARGS | METH_KEYWORDS, sorted_lines_doc},
    {"turtle_block", turtle_block, METH_VARARGS, turtle_block_doc},
    {"jsonld_nodes", jsonld_nodes, METH_VARARGS, jsonld_nodes_doc},
    {"ntriples_figures", ntriples_figures, METH_VARARGS, ntriples_figures_doc},
    {"union_lines", union_lines, METH_VARARGS, union_lines_doc},
    {"graph_lines", graph_lines, METH_VARARGS, graph_lines_doc},
    {"with_graph", with_graph, METH_VARARGS, with_graph_doc},
    {"count_lines", count_lines, METH_VARARGS, count_lines_doc},
    {"predicate_lines", predicate_lines, METH_VARARGS, predicate_lines_doc},
    {"subject_lines", subject_lines, METH_VARARGS, subject_lines_doc},
    {"copy_range", copy_range, METH_VARARGS, copy_range_doc},
    {"hash_range", hash_range, METH_VARARGS, hash_range_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "osce_kg._native",
    "The writers' hot loop in C: sorting N-Triples lines and writing them as N-Triples, N-Quads or Turtle.",
    -1, methods,
};

PyMODINIT_FUNC PyInit__native(void)
{
    return PyModule_Create(&module);
}
