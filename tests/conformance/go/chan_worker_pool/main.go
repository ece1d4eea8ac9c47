// The worker pool: jobs go out on a buffered channel to four workers, results come back
// on another; a WaitGroup closes the results channel once every worker is done. One job fails
// with a panic that its worker recovers and reports as an error result.
package main

import (
	"fmt"
	"sync"
)

type job struct {
	id, n int
}

type result struct {
	id, sum int
	err     string
}

func work(j job) (r result) {
	r.id = j.id
	defer func() {
		if e := recover(); e != nil {
			r.err = fmt.Sprint(e)
		}
	}()
	if j.n%13 == 0 {
		panic(fmt.Sprintf("job %d: unlucky", j.id))
	}
	for i := 1; i <= j.n; i++ {
		r.sum += i
	}
	return r
}

func worker(id int, jobs <-chan job, results chan<- result, wg *sync.WaitGroup, done []int) {
	defer wg.Done()
	for j := range jobs {
		results <- work(j)
		done[id]++
	}
}

func main() {
	const numJobs = 100
	const numWorkers = 4
	jobs := make(chan job, numJobs)
	results := make(chan result, 10)
	var wg sync.WaitGroup
	done := make([]int, numWorkers)
	for w := 0; w < numWorkers; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg, done)
	}
	for i := 1; i <= numJobs; i++ {
		jobs <- job{i, i * 10}
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	sums := make([]int, numJobs+1)
	errs := make([]string, numJobs+1)
	total, failed := 0, 0
	for r := range results {
		if r.err != "" {
			errs[r.id] = r.err
			failed++
			continue
		}
		sums[r.id] = r.sum
		total += r.sum
	}
	for _, e := range errs {
		if e != "" {
			fmt.Println("error:", e)
		}
	}
	jobsDone := 0
	for _, d := range done {
		jobsDone += d
	}
	fmt.Println("job 1:", sums[1], "job 100:", sums[100])
	fmt.Println("total:", total, "failed:", failed, "jobs done:", jobsDone)
}
