META
key;value
description;Small cumulative test
budget;100.50
vote_type;cumulative
max_sum_points;5
PROJECTS
project_id;cost;votes;score;name
a;40.25;2;6;Bankje
b;60;2;4;Fietsrek
c;30;1;2;Moestuin
VOTES
voter_id;vote;points
v1;a,b;3,2
v2;a,c,b;3,2,2
v3;;
