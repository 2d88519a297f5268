META
key;value
description;"Add1 example; X and Y"
num_projects;2
num_votes;4
budget;20
vote_type;approval
rule;equalshares/add1
categories;green,play
budget_per_category;10,20
leftover_budget;Fund additional projects that fit within leftover budget ordered by score
PROJECTS
project_id;cost;votes;name;category
X;7;2;"Speeltuin ""De Wip""";play
Y;16;3;Bomen;green
VOTES
voter_id;vote
1;Y
2;Y
3;X,Y
4;X
