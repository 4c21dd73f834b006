#include "../../../zint/backend/rss.c"
