/*
 * The parse floor: libyaml's event parse of a file and nothing else.
 *   floor_parse FILE
 */
#include <stdio.h>
#include <yaml.h>

int
main(int argc, char **argv)
{
	yaml_parser_t p;
	yaml_event_t ev;
	FILE *fp;
	long events = 0;
	int done = 0;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: floor_parse FILE\n");
		return 2;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "parse error\n");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(fp);
	printf("%ld events\n", events);
	return 0;
}
